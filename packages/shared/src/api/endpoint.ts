import { z } from 'zod';
import { Id, itemsOf, pageOf } from './common';

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

type Head<M extends Method, P extends string, T> = { method: M; path: P; summary: string; tags: T };
/** `{ params }` when there are path parameters, nothing otherwise. */
type ParamsPart<OP> = OP extends z.ZodObject ? { params: OP } : Record<never, never>;
/** The path parameters of one record: those of the list and the record's own key. */
type OwnParams<OP, K extends string> = z.ZodObject<
  (OP extends z.ZodObject<infer S> ? S : Record<never, never>) & { [k in K]: z.ZodString }
>;

/** What `records()` is told of a kind of record. */
export interface RecordsDef<
  One extends string,
  Many extends string,
  P extends string,
  K extends string,
  I extends z.ZodType,
  OP extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  G extends string | undefined,
> {
  /** the names in the endpoints' keys: `list<Many>`, `create<One>`, `update<One>` … */
  one: One;
  many: Many;
  /** the list's path; one record is at `<path>/:<key>` */
  path: P;
  key: K;
  /** "a zone": in the summaries (`Add a zone`, `Edit a zone`, `Deactivate a zone`) */
  what: string;
  /** the path parameters of the list (the outlet), if any */
  params?: OP;
  item: I;
  create: z.ZodType;
  patch: z.ZodType;
  /** the list's filters: with them the list is paged, without them it is every item */
  query?: Q;
  /** the list's summary; the create's when not `Add <what>`; `get`: also `GET <path>/:<key>` */
  summaries: { list: string; create?: string; get?: G };
}

/** The endpoints `records()` declares, keyed and typed as if each were written out. */
export type RecordsApi<
  T,
  One extends string,
  Many extends string,
  P extends string,
  K extends string,
  I extends z.ZodType,
  C extends z.ZodType,
  U extends z.ZodType,
  OP,
  Q,
  G,
> = {
  readonly [k in `list${Many}`]: Head<'GET', P, T> &
    Readonly<ParamsPart<OP>> &
    (Q extends z.ZodObject
      ? { readonly query: Q; readonly response: ReturnType<typeof pageOf<I>> }
      : { readonly response: ReturnType<typeof itemsOf<I>> }) & { readonly exportable: true };
} & {
  readonly [k in `create${One}`]: Head<'POST', P, T> &
    Readonly<ParamsPart<OP>> & { readonly body: C; readonly response: I; readonly status: 201 };
} & (G extends string
    ? { readonly [k in `get${One}`]: Head<'GET', `${P}/:${K}`, T> & OwnSpec<OP, K, I> }
    : Record<never, never>) & {
    readonly [k in `update${One}`]: Head<'PATCH', `${P}/:${K}`, T> & OwnSpec<OP, K, I> & { readonly body: U };
  } & {
    readonly [k in `deactivate${One}`]: Head<'POST', `${P}/:${K}/deactivate`, T> & OwnSpec<OP, K, I>;
  } & {
    readonly [k in `reactivate${One}`]: Head<'POST', `${P}/:${K}/reactivate`, T> & OwnSpec<OP, K, I>;
  };
/** The spec of an endpoint on one record: its own path parameters, answering the record. */
type OwnSpec<OP, K extends string, I> = { readonly params: OwnParams<OP, K>; readonly response: I };

/**
 * The endpoints of one feature, under its tags: `api.get('/outlets', 'Outlets, paged', { query,
 * response })` is `endpoint({ method: 'GET', path: '/outlets', summary: …, tags, query, response })`.
 * Besides the five methods it has the feature's usual kinds of endpoint: `create` (a POST that
 * answers 201), `pagedList` (a page of items with its .xlsx twin) and `activation` (deactivate
 * and reactivate a record).
 */
export function endpoints<const T extends readonly string[]>(tags: T) {
  const make =
    <M extends Method>(method: M) =>
    <const P extends string, const S extends EndpointSpec = Record<never, never>>(
      path: P,
      summary: string,
      spec?: S,
    ) =>
      ({ method, path, summary, tags, ...spec }) as { method: M; path: P; summary: string; tags: T } & S;
  const get = make('GET');
  const post = make('POST');
  const patch = make('PATCH');
  const activation = <const P extends string, S extends z.ZodObject, R extends z.ZodType>(
    base: P,
    what: string,
    params: S,
    response: R,
  ) => ({
    deactivate: post(`${base}/deactivate`, `Deactivate ${what}`, { params, response }),
    reactivate: post(`${base}/reactivate`, `Reactivate ${what}`, { params, response }),
  });
  return {
    get,
    post,
    put: make('PUT'),
    patch,
    delete: make('DELETE'),
    /** A POST that creates a record: `spec` and `status: 201`. */
    create: <const P extends string, const S extends Omit<EndpointSpec, 'status'>>(
      path: P,
      summary: string,
      spec: S,
    ) => post(path, summary, { ...spec, status: 201 as const }),
    /** A GET of a page of `item`s (`pageOf(item)`) whose .xlsx twin is mounted too. */
    pagedList: <
      const P extends string,
      I extends z.ZodType,
      const S extends Omit<EndpointSpec, 'response' | 'exportable'> = Record<never, never>,
    >(
      path: P,
      summary: string,
      item: I,
      spec: S = {} as S,
    ) => get(path, summary, { ...spec, response: pageOf(item), exportable: true as const }),
    /**
     * `POST <base>/deactivate` and `POST <base>/reactivate` of a record (`what`: "an outlet"),
     * both answering the record as it now is.
     */
    activation,
    /**
     * The endpoints of a kind of record kept as a list (an outlet's zones, the users): the list
     * with its .xlsx twin, add, (one record,) edit, deactivate and reactivate.
     */
    records: <
      const One extends string,
      const Many extends string,
      const P extends string,
      const K extends string,
      I extends z.ZodType,
      C extends z.ZodType,
      U extends z.ZodType,
      OP extends z.ZodObject | undefined = undefined,
      Q extends z.ZodObject | undefined = undefined,
      G extends string | undefined = undefined,
    >(
      def: RecordsDef<One, Many, P, K, I, OP, Q, G> & { create: C; patch: U },
    ): RecordsApi<T, One, Many, P, K, I, C, U, OP, Q, G> => {
      const { one, many, path, key, what, params, item, query, summaries } = def;
      const own = (params ?? z.object({})).extend({ [key]: Id });
      const record = `${path}/:${key}`;
      const inList = params ? { params } : {};
      const list = query ? { query, response: pageOf(item) } : { response: itemsOf(item) };
      const active = activation(record, what, own, item);
      return {
        [`list${many}`]: get(path, summaries.list, { ...inList, ...list, exportable: true }),
        [`create${one}`]: post(path, summaries.create ?? `Add ${what}`, {
          ...inList,
          body: def.create,
          response: item,
          status: 201,
        }),
        ...(summaries.get
          ? { [`get${one}`]: get(record, summaries.get, { params: own, response: item }) }
          : {}),
        [`update${one}`]: patch(record, `Edit ${what}`, { params: own, body: def.patch, response: item }),
        [`deactivate${one}`]: active.deactivate,
        [`reactivate${one}`]: active.reactivate,
      } as never;
    },
  };
}
