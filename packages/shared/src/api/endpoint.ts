import type { z } from 'zod';

/**
 * One operation of the HTTP API, declared once: the server mounts it (validation, serialisation,
 * OpenAPI) and the web client takes its types from it. Paths are under `/api/v1` and use
 * `:name` for path parameters.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface EndpointDef {
  method: Method;
  path: string;
  summary: string;
  tags: readonly string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** the JSON answer; absent when the answer is not JSON (see `produces`) or empty (204) */
  response?: z.ZodType;
  /** success status: 200 unless told */
  status?: 200 | 201 | 204;
  /** answers without a session (login, health, the ticket machine's token) */
  public?: boolean;
  /** an answer that is not JSON */
  produces?: 'xlsx' | 'sse' | 'file' | 'html';
  /** a request body that is not JSON: a multipart form or a raw file */
  consumes?: 'multipart' | 'file';
  /**
   * A list (`{ items: … }`) whose .xlsx twin is mounted at `<path>/export.xlsx` with the same
   * parameters and filters, every row up to the export limit.
   */
  exportable?: boolean;
}

/** Declares an endpoint, keeping its literal types (method, path, schemas). */
export const endpoint = <const E extends EndpointDef>(e: E): E => e;

export type Contract = Record<string, EndpointDef>;

type Input<S> = S extends z.ZodType ? z.input<S> : never;
type Output<S> = S extends z.ZodType ? z.output<S> : never;

/** What a client sends: path parameters, query and body, as the schemas accept them. */
export type ParamsOf<E extends EndpointDef> = Input<E['params']>;
export type QueryOf<E extends EndpointDef> = Input<E['query']>;
export type BodyOf<E extends EndpointDef> = Input<E['body']>;
/** What a client receives. */
export type ResponseOf<E extends EndpointDef> = E['response'] extends z.ZodType
  ? z.output<E['response']>
  : undefined;

/** What the server's handler works with (after parsing) and returns (before serialising). */
export type ParsedParams<E extends EndpointDef> = Output<E['params']>;
export type ParsedQuery<E extends EndpointDef> = Output<E['query']>;
export type ParsedBody<E extends EndpointDef> = Output<E['body']>;
export type HandlerResult<E extends EndpointDef> = E['response'] extends z.ZodType
  ? z.input<E['response']>
  : unknown;

/** A union of endpoints keyed by `"METHOD /path"`. */
export type RoutesOf<E extends EndpointDef> = {
  [X in E as `${X['method']} ${X['path']}`]: X;
};

/** What an endpoint declares besides its method, path, summary and tags. */
export type EndpointSpec = Omit<EndpointDef, 'method' | 'path' | 'summary' | 'tags'>;

export { endpoints, type RecordsApi, type RecordsDef } from './builder';
