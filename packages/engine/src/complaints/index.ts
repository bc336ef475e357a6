/** Complaint deadlines and the official calendar: pure functions, time passed in. */
export * from './calendar';
export * from './deadlines';
