import { beijingDate } from '@liangdian/engine/time';
import { EXPORT_ROW_LIMIT } from '@liangdian/shared';
import type {
  Contract,
  EndpointDef,
  HandlerResult,
  ParsedBody,
  ParsedParams,
  ParsedQuery,
} from '@liangdian/shared/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Locale } from '../lib/messages';
import { contentDisposition, XLSX_MIME } from '../lib/xlsx';
import type { Actor } from '../modules/access/policy';
import { requestLocale } from './problem';
import { actorOf } from './session';
import { type Sheet, sheetToXlsx } from './sheet';

/**
 * Mounts a contract (packages/shared/src/api/<feature>.ts) on the app: each endpoint becomes a
 * route with its schemas (validation, serialisation, OpenAPI) and its handler, a one-liner that
 * calls the service. A list marked `exportable` gets its `.xlsx` twin from the same handler and
 * the sheet declared beside its presenter.
 */
export interface Ctx<E extends EndpointDef> {
  /** the signed-in user; on public endpoints, whoever is signed in or null */
  actor: E['public'] extends true ? Actor | null : Actor;
  params: ParsedParams<E>;
  query: ParsedQuery<E>;
  body: ParsedBody<E>;
  locale: Locale;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Items<E extends EndpointDef> = HandlerResult<E> extends { items: (infer I)[] } ? I : never;

export type ListHandler<E extends EndpointDef> = {
  list: (c: Ctx<E>) => Promise<HandlerResult<E>>;
  sheet: Sheet<Items<E>> | ((c: Ctx<E>) => Sheet<Items<E>> | Promise<Sheet<Items<E>>>);
  /**
   * The key of the page's answer in the app's answer cache (http/answer-cache.ts), when it may be
   * kept: it must name everything the answer is made from, the data version first. The export
   * is never cached.
   */
  cacheKey?: (c: Ctx<E>) => Promise<string>;
  /**
   * The sheet's rows when the answer is not `{ items }` (a summary such as statistics): every row
   * the page shows, in the sheet's row type. Absent: the answer's `items`.
   */
  rows?: (result: HandlerResult<E>) => unknown[];
};

export type Handler<E extends EndpointDef> = E['exportable'] extends true
  ? ListHandler<E>
  : (c: Ctx<E>) => Promise<HandlerResult<E>> | HandlerResult<E>;

export type Handlers<C extends Contract> = { [K in keyof C]: Handler<C[K]> };

/** The route options of an endpoint: tags, summary, schemas and the public flag. */
function routeOptions(e: EndpointDef, summary = e.summary, config: object = {}): RouteShorthandOptions {
  const status = e.status ?? 200;
  return {
    config: { ...config, ...(e.public ? { public: true } : {}) },
    schema: {
      tags: [...e.tags],
      summary,
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body && !e.consumes ? { body: e.body } : {}),
      ...(e.response ? { response: { [status]: e.response } } : {}),
      // documented for OpenAPI; the handler reads the form or the file itself
      ...(e.consumes === 'multipart' ? { consumes: ['multipart/form-data'] } : {}),
    },
  };
}

function context<E extends EndpointDef>(req: FastifyRequest, reply: FastifyReply, e: EndpointDef): Ctx<E> {
  return {
    actor: (e.public ? req.actor : actorOf(req)) as Ctx<E>['actor'],
    params: req.params as ParsedParams<E>,
    query: req.query as ParsedQuery<E>,
    body: req.body as ParsedBody<E>,
    locale: requestLocale(req),
    req,
    reply,
  };
}

export interface MountOptions<C extends Contract> {
  /** route config per endpoint, e.g. `{ login: { rateLimit: { max: 10, timeWindow: '1 minute' } } }` */
  config?: { [K in keyof C]?: Record<string, unknown> };
}

export function mount<C extends Contract>(
  app: FastifyInstance,
  contract: C,
  handlers: Handlers<C>,
  options: MountOptions<C> = {},
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const key of Object.keys(contract) as (keyof C & string)[]) {
    const e = contract[key]!;
    const h = handlers[key] as unknown;
    const config = options.config?.[key] ?? {};
    const path = e.path; // fastify's `:name` syntax, as the contract writes it
    if (e.exportable) {
      const lh = h as ListHandler<EndpointDef>;
      r.route({
        method: e.method,
        url: path,
        ...routeOptions(e),
        handler: async (req, reply) => {
          const c = context(req, reply, e);
          if (!lh.cacheKey) return lh.list(c);
          const key = await lh.cacheKey(c);
          let json = app.answers.get(key);
          if (json === undefined) {
            // kept as bytes: sent again without encoding or measuring the text
            json = Buffer.from(reply.serialize(await lh.list(c)) as string);
            app.answers.set(key, json);
          }
          return reply.type('application/json; charset=utf-8').send(json);
        },
      });
      r.route({
        method: 'GET',
        url: `${path}/export.xlsx`,
        ...routeOptions({ ...e, response: undefined, status: 200 }, `${e.summary}, as .xlsx (same filters)`),
        handler: async (req, reply) => {
          const c = context(req, reply, e);
          const all = { ...(c.query as object), page: 1, pageSize: EXPORT_ROW_LIMIT };
          const result = await lh.list({ ...c, query: all });
          const rows = lh.rows ? lh.rows(result) : (result as { items: unknown[] }).items;
          const s = typeof lh.sheet === 'function' ? await lh.sheet(c) : lh.sheet;
          return sendSheet(req, reply, s as Sheet<unknown>, rows, c.query as Record<string, unknown>);
        },
      });
      continue;
    }
    const fn = h as (c: Ctx<EndpointDef>) => Promise<unknown>;
    const status = e.status ?? 200;
    r.route({
      method: e.method,
      url: path,
      ...routeOptions(e, e.summary, config),
      handler: async (req, reply) => {
        const out = await fn(context(req, reply, e));
        if (e.produces || reply.sent) return reply;
        if (status === 204) return reply.status(204).send();
        if (status !== 200) reply.status(status);
        return out;
      },
    });
  }
}

/** Sends a sheet as an .xlsx download named after its title, in the requester's language. */
export async function sendSheet<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  s: Sheet<T>,
  rows: Iterable<T>,
  query: Record<string, unknown> = {},
) {
  const locale = requestLocale(req);
  const now = new Date();
  const buf = await sheetToXlsx(s, rows, { locale, query, exportedAt: now });
  return sendXlsxFile(reply, `${s.title[locale]}-${beijingDate(now)}.xlsx`, buf);
}

/** Sends an .xlsx file that is not a list (a template, an error report). */
export function sendXlsxFile(reply: FastifyReply, filename: string, buf: Buffer) {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition(filename))
    .send(buf);
}
