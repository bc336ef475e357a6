import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../../http/session';
import { UserView } from '../users/users.presenter';
import type { AuthService } from './auth.service';

export interface AuthRouteOptions {
  auth: AuthService;
  cookieSecure: boolean;
  loginRatePerMinute: number;
}

const Session = z.object({ user: UserView, csrfToken: z.string() });

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { auth } = opts;

  r.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: opts.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: Session },
      },
    },
    async (req, reply) => {
      const res = await auth.login(
        req.body.username,
        req.body.password,
        req.ip,
        req.headers['user-agent'] ?? '',
      );
      reply.setCookie(SESSION_COOKIE, res.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.cookieSecure,
      });
      return { user: res.user, csrfToken: res.csrfToken };
    },
  );

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    await auth.logout(req.sessionId!, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Session } } },
    async (req) => ({
      user: await auth.me(actorOf(req)),
      csrfToken: req.csrfToken!,
    }),
  );

  r.patch(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set the signed-in user’s language',
        body: z.object({ locale: z.enum(['zh-CN', 'en-US']) }).strict(),
        response: { 200: UserView },
      },
    },
    async (req) => auth.setLocale(actorOf(req), req.body.locale),
  );

  r.post(
    '/auth/change-password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change the signed-in user’s password (ends their other sessions)',
        body: z.object({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
      },
    },
    async (req, reply) => {
      await auth.changePassword(actorOf(req), req.sessionId!, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  );
}
