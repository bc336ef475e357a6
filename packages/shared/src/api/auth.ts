import { z } from 'zod';
import { endpoints } from './endpoint';
import { Locale, User } from './users';

/** The signed-in user and the token every state-changing request sends as `x-csrf-token`. */
export const Session = z.object({ user: User, csrfToken: z.string() });
export type Session = z.infer<typeof Session>;

/**
 * Told once, in the answer of the login: the wrong passwords typed for this account since its
 * last login (from any address), and how many times an address was held up for them.
 */
export const SignInNotice = z.object({
  failedAttempts: z.number().int(),
  locks: z.number().int(),
});
export type SignInNotice = z.infer<typeof SignInNotice>;
export const LoginAnswer = Session.extend({ notice: SignInNotice.nullable() });
export type LoginAnswer = z.infer<typeof LoginAnswer>;

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
  login: e.post(
    '/auth/login',
    'Sign in; sets the session cookie; tells of wrong passwords since the last login',
    {
      body: LoginBody,
      response: LoginAnswer,
      public: true,
    },
  ),
  logout: e.post('/auth/logout', 'Sign out', { status: 204 }),
  // `me`, `logout` and `changePassword` are all a user who must change their password may call
  // (403 PASSWORD_CHANGE_REQUIRED elsewhere)
  me: e.get('/auth/me', 'The signed-in user', { response: Session }),
  setLocale: e.patch('/auth/me', 'Set the signed-in user’s language', { body: LocaleBody, response: User }),
  changePassword: e.post(
    '/auth/change-password',
    'Change the signed-in user’s password (ends their other sessions)',
    { body: PasswordChange, status: 204 },
  ),
} as const;
