export * from './org';
export * from './roles';
export * from './mask';
