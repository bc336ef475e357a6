/**
 * @liangdian/engine — the pure core: lobby simulation, Erlang C/A, staffing.
 * No I/O, no clock, no global randomness: seeds and inputs come from the caller.
 */
export * from './units';
export { Xoshiro128, subStream, type RandomSource } from './rng';
export { EventHeap } from './heap';
export { compileDistribution, sample, type DistributionSpec, type Sampler } from './distributions';
export {
  Welford,
  tQuantile975,
  estimateFrom,
  histBucket,
  histQuantile,
  HIST_BUCKETS,
  type Estimate,
} from './stats';
export {
  erlangB,
  erlangC,
  erlangCMetrics,
  erlangAMetrics,
  queueMetrics,
  type QueueInput,
  type QueueMetrics,
} from './erlang';
export {
  staffingTable,
  fewestStaff,
  slotStaffing,
  type StaffingInput,
  type StaffingTable,
  type SlotStaffing,
} from './staffing';
export {
  scenarioSchema,
  distributionSchema,
  LIMITS,
  type Scenario,
  type ScenarioInput,
  type BusinessType,
  type Zone,
  type Staff,
  type BackfillRule,
  type ZoneStaffing,
  type Distribution,
  type Mode,
  type Role,
} from './scenario/schema';
export {
  parseScenario,
  parseScenarioOrThrow,
  ScenarioError,
  WELCOME_POST,
  type ScenarioIssue,
  type ScenarioResult,
} from './scenario/validate';
export { compileScenario, type Model, type ModelStaff } from './model';
export { staffingCounts, zoneOnDutyPeak } from './scenario/plan';
export { Simulator, EVENT_NAMES, type SimObserver, type ReplicationResult } from './simulator';
export {
  Aggregator,
  type SimulationReport,
  type GroupSummary,
  type BusinessTypeSummary,
  type SlotSummary,
  type ReceptionSummary,
  type WaitSummary,
  type Interval,
  type ReportUnits,
  REPORT_UNITS,
} from './aggregate';
export { simulate, runReplicationRange, checkRunOptions, type SimulateOptions } from './run';
export { mmcScenario, type MmcSpec } from './mmc';
export { bareMmc, type BaselineResult } from './baseline';
export * from './complaints/index';
export {
  TIME_ZONE,
  BEIJING_OFFSET_MS,
  instantMs,
  isZonedInstant,
  beijingDate,
  beijingDayStartMs,
  beijingStartOfDay,
  beijingWallClock,
  beijingWeekSlot,
  fromBeijingWallClock,
  beijingMs,
  toBeijingIso,
  beijingHhmm,
  beijingToday,
  daysFromToday,
  beijingWallDate,
  type WallClock,
} from './time/beijing';
export {
  type BaseDayKind,
  DEFAULT_OUTLET_DAYS,
  type DayType,
  dayClass,
  dayType,
  dayTypes,
  type OutletDays,
} from './time/daytypes';
export {
  recommend,
  scoreOf,
  objectiveIssues,
  resolveObjective,
  DEFAULT_OBJECTIVE,
  OBJECTIVE_KEYS,
  OBJECTIVE_MAX_WEIGHT,
  type RecommendObjective,
  type RecommendOptions,
  type Recommendation,
  type SlotRecommendation,
  type ModeKpis,
  type Crossover,
} from './recommend';
export * from './calibrate/index';
export {
  type ArrivalCount,
  BAND_LEVEL,
  type Backtest,
  type Dispersion,
  FORECAST_MODELS,
  type ForecastDay,
  ForecastHistoryError,
  type ForecastInput,
  type ForecastModel,
  type ForecastReason,
  type ForecastResult,
  type ForecastSlot,
  forecastArrivals,
  MIN_HISTORY_DAYS,
  type ModelScore,
} from './forecast/forecast';
export { type Band, band as countBand, countQuantile } from './forecast/band';
export * from './requirement/index';
