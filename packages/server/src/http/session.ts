import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../lib/errors';
import type { Actor } from '../modules/access/policy';
import type { AuthService } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'ld_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** the route answers without a session (login, health, meta) */
    public?: boolean;
    /** the route answers a user who must change their password first (me, change-password, logout) */
    beforePasswordChange?: boolean;
  }
}

/**
 * Resolves the session cookie on every API request, refuses requests without one (401) unless
 * the route is public, checks the CSRF token on every state-changing request, and holds a user
 * who must change their password to the routes that let them do so (403
 * `PASSWORD_CHANGE_REQUIRED`). It runs when the request arrives, before its body is parsed and
 * validated: an anonymous caller learns nothing of what a route expects.
 */
export function registerSessionGuard(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    // Only API routes that exist: unknown routes get their 404, docs and the web app are public.
    if (!req.url.startsWith('/api/') || !req.routeOptions.url || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    let mustChange = false;
    if (token) {
      const s = await auth.resolve(token, req.ip);
      if (s) {
        req.actor = s.actor;
        req.sessionId = s.sessionId;
        req.csrfToken = s.csrfToken;
        mustChange = s.mustChangePassword;
      }
    }
    if (req.routeOptions.config.public) {
      if (STATE_CHANGING.has(req.method)) checkOrigin(req);
      return;
    }
    if (!req.actor) throw new DomainError('UNAUTHENTICATED');
    if (STATE_CHANGING.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== req.csrfToken) throw new DomainError('CSRF_TOKEN_INVALID');
    }
    if (mustChange && !req.routeOptions.config.beforePasswordChange)
      throw new DomainError('PASSWORD_CHANGE_REQUIRED');
  });
}

/** For public state-changing routes (login): a browser's cross-site Origin is refused. */
function checkOrigin(req: FastifyRequest) {
  const origin = req.headers.origin;
  if (!origin) return;
  try {
    if (new URL(origin).host !== req.headers.host) throw new DomainError('CSRF_TOKEN_INVALID');
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('CSRF_TOKEN_INVALID');
  }
}

/** The actor of an authenticated route (the guard has already refused anonymous requests). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('UNAUTHENTICATED');
  return req.actor;
}
