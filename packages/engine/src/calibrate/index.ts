export * from './tickets';
export * from './survival';
export * from './fit';
export * from './scenario';
export * from './backtest';
export { syntheticHistory, SYNTHETIC_TYPES, type SyntheticOptions, type SyntheticType } from './synthetic';
