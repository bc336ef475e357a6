import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldProblem } from '../lib/errors';
import { fieldMessage, type Locale, pickLocale, titleFor } from '../lib/messages';

/** The locale of a request: the signed-in user's choice, else Accept-Language, else zh-CN. */
export function requestLocale(req: FastifyRequest): Locale {
  return req.actor?.locale ?? pickLocale(req.headers['accept-language']);
}

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  params: Record<string, string | number> = {},
  fields: FieldProblem[] = [],
) {
  const locale = requestLocale(req);
  const status = ERROR_STATUS[code];
  const title = titleFor(code, locale, params);
  const body: Record<string, unknown> = {
    type: `https://liangdian.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail: fields.length ? fields.map((f) => fieldMessage(f, locale)).join('; ') : title,
    instance: req.url.split('?')[0],
  };
  if (fields.length) {
    body.errors = fields.map((f) => ({ field: f.field, code: f.code, message: fieldMessage(f, locale) }));
  }
  if (code === 'ACCOUNT_LOCKED' && params.untilIso) body.lockedUntil = params.untilIso;
  return reply.status(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

interface ZodIssueLike {
  code: string;
  path?: PropertyKey[];
  message: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  values?: unknown[];
  keys?: string[];
}

/** Zod issues → field problems with a dotted path and localisable parameters. */
export function issuesToFields(issues: ZodIssueLike[], prefix: string): FieldProblem[] {
  return issues.map((i) => {
    const path = [prefix, ...(i.path ?? []).map(String)].filter(Boolean).join('.');
    const params: Record<string, string | number> = {};
    let code = i.code;
    if (i.code === 'invalid_type') {
      if (/received undefined/.test(i.message)) code = 'required';
      params.expected = i.expected ?? '';
    } else if (i.code === 'too_small' || i.code === 'too_big') {
      if (i.origin === 'string' || i.origin === 'array') code = `${i.code}_${i.origin}`;
      if (i.minimum !== undefined) params.minimum = Number(i.minimum);
      if (i.maximum !== undefined) params.maximum = Number(i.maximum);
    } else if (i.code === 'invalid_value') {
      params.options = (i.values ?? []).map(String).join(', ');
    } else if (i.code === 'unrecognized_keys') {
      params.keys = (i.keys ?? []).join(', ');
    } else if (i.code === 'custom' && /^[A-Z_]+$/.test(i.message)) {
      code = i.message;
    }
    return { field: path, code, params };
  });
}

/**
 * `spaFallback` sends the web app's page (http/web-app.ts) for the client-side routes; null when
 * the server runs without the web app.
 */
export function registerProblemHandlers(
  app: FastifyInstance,
  opts: { spaFallback: ((reply: FastifyReply) => FastifyReply) | null },
) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) return sendProblem(req, reply, err.code, err.params, err.fields);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const prefix = err.validationContext ?? 'body';
      const issues = err.validation.map(
        (v) =>
          ({
            ...(v.params as object),
            code: v.keyword,
            message: v.message ?? '',
            path: v.instancePath.split('/').filter(Boolean),
          }) as ZodIssueLike,
      );
      return sendProblem(req, reply, 'VALIDATION_FAILED', {}, issuesToFields(issues, prefix));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(req, reply, 'MALFORMED_JSON');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
        return sendProblem(req, reply, 'PAYLOAD_TOO_LARGE');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
    }
    if (err.statusCode === 429) return sendProblem(req, reply, 'RATE_LIMITED');
    if (err instanceof SyntaxError && err.statusCode === 400)
      return sendProblem(req, reply, 'MALFORMED_JSON');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(req, reply, 'VALIDATION_FAILED', {}, [{ field: 'request', code: 'invalid' }]);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, 'INTERNAL');
  });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the web app: a GET outside /api that is not a file gets index.html.
    const path = req.url.split('?')[0] ?? '';
    // A missing file (an old bundle after a deploy) is a 404, not the app's page.
    const isFile = path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
    if (opts.spaFallback && req.method === 'GET' && !path.startsWith('/api') && !isFile) {
      return opts.spaFallback(reply);
    }
    return sendProblem(req, reply, 'NOT_FOUND', { entity: 'route' });
  });
}
