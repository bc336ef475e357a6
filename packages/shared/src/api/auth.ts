import { z } from 'zod';
import { endpoint } from './endpoint';
import { Locale, User } from './users';

/** The signed-in user and the token every state-changing request sends as `x-csrf-token`. */
export const Session = z.object({ user: User, csrfToken: z.string() });
export type Session = z.infer<typeof Session>;

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const LocaleBody = z.object({ locale: Locale }).strict();
export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

const tags = ['auth'] as const;

export const authApi = {
  login: endpoint({
    method: 'POST',
    path: '/auth/login',
    tags,
    summary: 'Sign in; sets the session cookie',
    body: LoginBody,
    response: Session,
    public: true,
  }),
  logout: endpoint({ method: 'POST', path: '/auth/logout', tags, summary: 'Sign out', status: 204 }),
  me: endpoint({ method: 'GET', path: '/auth/me', tags, summary: 'The signed-in user', response: Session }),
  setLocale: endpoint({
    method: 'PATCH',
    path: '/auth/me',
    tags,
    summary: 'Set the signed-in user’s language',
    body: LocaleBody,
    response: User,
  }),
  changePassword: endpoint({
    method: 'POST',
    path: '/auth/change-password',
    tags,
    summary: 'Change the signed-in user’s password (ends their other sessions)',
    body: PasswordChange,
    status: 204,
  }),
} as const;
