import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { sha256Hex } from '../lib/crypto';
import { DomainError } from '../lib/errors';
import { SESSION_COOKIE } from './session';

/**
 * What a route costs and who calls it decides its limits: the ticket machine posts batches all
 * day and the board holds a stream, a person signs in now and then, and unmasking a complainant
 * or exporting a whole list is what a stolen session would do in bulk.
 */
export type RateClass = 'api' | 'login' | 'machine' | 'stream' | 'unmask' | 'export';

/** Requests per minute of one class, per session and per IP address (null: not counted that way). */
export interface RateLimit {
  session: number | null;
  ip: number | null;
}

/** How many times the per-session limit one address may use for the tight classes (an office's proxy). */
const IP_FACTOR = 5;

export function rateLimitsOf(c: Config): Record<RateClass, RateLimit> {
  return {
    api: { session: c.rateLimitPerMinute, ip: c.rateLimitIpPerMinute },
    login: { session: null, ip: c.loginRatePerMinute },
    machine: { session: null, ip: c.rateLimitMachinePerMinute },
    stream: { session: c.rateLimitStreamPerMinute, ip: c.rateLimitStreamPerMinute },
    unmask: { session: c.rateLimitUnmaskPerMinute, ip: c.rateLimitUnmaskPerMinute * IP_FACTOR },
    export: { session: c.rateLimitExportPerMinute, ip: c.rateLimitExportPerMinute * IP_FACTOR },
  };
}

/**
 * The class of a route, from its method and its path as mounted (`/api/v1/outlets/:outletId/…`);
 * `clear`: the request asks for personal data in clear (the decision notice's `?clear=true`).
 */
export function rateClassOf(method: string, url: string, clear = false): RateClass {
  if (method === 'POST' && url === '/api/v1/auth/login') return 'login';
  if (method === 'POST' && url === '/api/v1/outlets/:outletId/ticket-events') return 'machine';
  if (url === '/api/v1/outlets/:outletId/lobby/stream') return 'stream';
  if (url.endsWith('/unmask') || clear) return 'unmask';
  if (url.endsWith('/export.xlsx')) return 'export';
  return 'api';
}

const MINUTE_MS = 60_000;

/**
 * Rate limits on every API route, per session and per IP address (`@fastify/rate-limit`'s
 * counters), checked first of all, before the session is looked up. Beyond a limit: 429
 * `RATE_LIMITED` as problem+json with `Retry-After` in seconds. Register before the session guard.
 */
export async function registerRateLimits(app: FastifyInstance, limits: Record<RateClass, RateLimit>) {
  await app.register(fastifyRateLimit, { global: false, cache: 50_000 });
  type Counter = ReturnType<FastifyInstance['createRateLimit']>;
  const counter = (max: number, key: (req: FastifyRequest) => string | null): Counter | null =>
    app.createRateLimit({
      max,
      timeWindow: MINUTE_MS,
      // requests without that key (no session) are not counted by this counter
      keyGenerator: (req) => key(req) ?? '',
      allowList: (_req, k) => k === '',
    });
  const counters = new Map<RateClass, Counter[]>();
  for (const [cls, l] of Object.entries(limits) as [RateClass, RateLimit][]) {
    counters.set(
      cls,
      [
        l.ip === null ? null : counter(l.ip, (req) => req.ip),
        l.session === null ? null : counter(l.session, sessionKey),
      ].filter((c): c is Counter => c !== null),
    );
  }

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const clear = (req.query as { clear?: unknown } | undefined)?.clear === 'true';
    for (const count of counters.get(rateClassOf(req.method, url, clear)) ?? []) {
      const r = await count(req);
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', String(Math.max(1, r.ttlInSeconds)));
        throw new DomainError('RATE_LIMITED', { retryAfter: Math.max(1, r.ttlInSeconds) });
      }
    }
  });
}

/** The session a request claims (a hash of its cookie: the counter never holds the token). */
function sessionKey(req: FastifyRequest): string | null {
  const token = req.cookies[SESSION_COOKIE];
  return token ? sha256Hex(token) : null;
}
