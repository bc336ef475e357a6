import { z } from 'zod';
import { endpoints } from './endpoint';
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

const e = endpoints(['auth']);

export const authApi = {
  login: e.post('/auth/login', 'Sign in; sets the session cookie', {
    body: LoginBody,
    response: Session,
    public: true,
  }),
  logout: e.post('/auth/logout', 'Sign out', { status: 204 }),
  me: e.get('/auth/me', 'The signed-in user', { response: Session }),
  setLocale: e.patch('/auth/me', 'Set the signed-in user’s language', { body: LocaleBody, response: User }),
  changePassword: e.post(
    '/auth/change-password',
    'Change the signed-in user’s password (ends their other sessions)',
    { body: PasswordChange, status: 204 },
  ),
} as const;
