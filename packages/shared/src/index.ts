/**
 * @liangdian/shared — what the server and the web app both rely on, defined once: code lists,
 * roles and permissions, the complaint state machine, code-table names, masking. The HTTP API
 * contract (zod schemas per feature) is the `@liangdian/shared/api` entry.
 */
export * from './org';
export * from './roles';
export * from './mask';
export * from './codes';
export * from './complaints';
export * from './permissions';
export * from './lobby';
export * from './numbers';
