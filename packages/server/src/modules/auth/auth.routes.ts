import { authApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import { SESSION_COOKIE } from '../../http/session';
import type { AuthService } from './auth.service';

export interface AuthRouteOptions {
  auth: AuthService;
  cookieSecure: boolean;
}

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions) {
  const { auth } = opts;
  mount(
    app,
    authApi,
    {
      login: async ({ body, req, reply }) => {
        const res = await auth.login(body.username, body.password, req.ip, req.headers['user-agent'] ?? '');
        reply.setCookie(SESSION_COOKIE, res.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: opts.cookieSecure,
        });
        return { user: res.user, csrfToken: res.csrfToken, notice: res.notice };
      },
      logout: async ({ actor, req, reply }) => {
        await auth.logout(req.sessionId!, actor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      },
      me: async ({ actor, req }) => ({ user: await auth.me(actor), csrfToken: req.csrfToken! }),
      setLocale: ({ actor, body }) => auth.setLocale(actor, body.locale),
      changePassword: ({ actor, req, body }) =>
        auth.changePassword(actor, req.sessionId!, body.currentPassword, body.newPassword),
    },
    // what a user who must change their password may still do
    {
      config: {
        me: { beforePasswordChange: true },
        changePassword: { beforePasswordChange: true },
        logout: { beforePasswordChange: true },
      },
    },
  );
}
