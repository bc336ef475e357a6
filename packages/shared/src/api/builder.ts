import { z } from 'zod';
import { Id, itemsOf, pageOf } from './common';
import type { EndpointSpec, Method } from './endpoint';

/**
 * The builder every feature declares its endpoints with (`endpoints(tags)`), and the kinds of
 * endpoint the features share: a creation answering 201, a paged list with its .xlsx twin, the
 * deactivate/reactivate pair, a whole list-kept kind of record, and endpoints under one path.
 */

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

/** An endpoint as the builder types it: the head, the scope's fields unless it has its own, and its own. */
type Declared<M extends Method, P extends string, T, BS, S> = Head<M, P, T> & Omit<BS, keyof S> & S;

/**
 * Endpoints under `base` with the fields every one of them has (`baseSpec`: the path parameters),
 * under the feature's tags: `get(path, summary, spec)` declares `GET <base><path>`.
 */
function scope<const T extends readonly string[], const B extends string, const BS extends EndpointSpec>(
  tags: T,
  base: B,
  baseSpec: BS,
) {
  const make =
    <M extends Method>(method: M) =>
    <const P extends string, const S extends EndpointSpec = Record<never, never>>(
      path: P,
      summary: string,
      spec?: S,
    ) =>
      ({ method, path: `${base}${path}`, summary, tags, ...baseSpec, ...spec }) as unknown as Declared<
        M,
        `${B}${P}`,
        T,
        BS,
        S
      >;
  const get = make('GET');
  const post = make('POST');
  const put = make('PUT');
  return {
    get,
    post,
    put,
    patch: make('PATCH'),
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
     * A document at `path` (settings, a plan, rules) read whole with GET and replaced whole with
     * PUT, keyed `get<Name>` and `put<Name>`; `summaries`: of the GET and of the PUT.
     */
    document: <const N extends string, const P extends string, PB extends z.ZodType, R extends z.ZodType>(
      name: N,
      path: P,
      body: PB,
      response: R,
      summaries: readonly [string, string],
    ) =>
      ({
        [`get${name}`]: get(path, summaries[0], { response }),
        [`put${name}`]: put(path, summaries[1], { body, response }),
      }) as {
        readonly [k in `get${N}`]: Declared<'GET', `${B}${P}`, T, BS, { readonly response: R }>;
      } & {
        readonly [k in `put${N}`]: Declared<
          'PUT',
          `${B}${P}`,
          T,
          BS,
          { readonly body: PB; readonly response: R }
        >;
      },
  };
}

/**
 * The endpoints of one feature, under its tags: `e.get('/outlets', 'Outlets, paged', { query,
 * response })` is `endpoint({ method: 'GET', path: '/outlets', summary: …, tags, query, response })`.
 * Besides the five methods: `create`, `pagedList`, `activation`, `records`, and `at(base, params)`
 * for the endpoints under one path with the same path parameters.
 */
export function endpoints<const T extends readonly string[]>(tags: T) {
  const top = scope(tags, '', {});
  const { get, post, patch } = top;
  /**
   * `POST <base>/deactivate` and `POST <base>/reactivate` of a record (`what`: "an outlet"),
   * both answering the record as it now is.
   */
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
    ...top,
    activation,
    /**
     * Endpoints under `base` (`/complaints/:id`) that all take its path parameters:
     * `at('/complaints/:id', ComplaintParams).get('/events', …)` is `GET /complaints/:id/events`.
     * `common`: what they have in common besides (`{ response: Complaint }`: each answers the
     * complaint), unless an endpoint says otherwise.
     */
    at: <
      const B extends string,
      const PS extends z.ZodObject,
      const C extends Omit<EndpointSpec, 'params'> = Record<never, never>,
    >(
      base: B,
      params: PS,
      common: C = {} as C,
    ) => scope(tags, base, { params, ...common } as { readonly params: PS } & C),
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
