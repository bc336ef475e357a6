import type { Locale, Meta, SignInNotice, User } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onPasswordChangeRequired, onUnauthenticated, setCsrfToken } from '../api/client';
import { storedLocale, useI18n } from '../i18n/i18n';

interface AuthState {
  /** undefined while the session is being restored */
  user: User | null | undefined;
  meta: Meta | undefined;
  /** signs in; `notice`: the wrong passwords typed for the account since its last login */
  login(username: string, password: string): Promise<{ user: User; notice: SignInNotice | null }>;
  logout(): Promise<void>;
  /** switch the language, and remember it on the server when logged in */
  changeLocale(locale: Locale): void;
  /** re-reads the session (after a password change, for example) */
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { locale, setLocale } = useI18n();
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const meta = useQuery({
    queryKey: ['meta'],
    queryFn: () => api.get('/meta'),
    staleTime: 5 * 60_000,
  });

  // Restore the session once; the server's remembered language wins on restore.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once at start
  useEffect(() => {
    let cancelled = false;
    api
      .get('/auth/me')
      .then((s) => {
        if (cancelled) return;
        setCsrfToken(s.csrfToken);
        if (s.user.locale && s.user.locale !== locale) setLocale(s.user.locale);
        setUser(s.user);
      })
      .catch(() => {
        if (!cancelled) setUser(null);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken(null);
      setUser(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
    });
    // a request refused until the password is changed shows the (forced) change, not an error
    onPasswordChangeRequired(() =>
      setUser((prev) => (prev && !prev.mustChangePassword ? { ...prev, mustChangePassword: true } : prev)),
    );
    return () => {
      onUnauthenticated(null);
      onPasswordChangeRequired(null);
    };
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await api.post('/auth/login', { body: { username, password } });
      setCsrfToken(s.csrfToken);
      // A language picked on the login page is kept and remembered for the user.
      const picked = storedLocale();
      if (picked && picked !== s.user.locale) {
        api.patch('/auth/me', { body: { locale: picked } }).catch(() => undefined);
      } else if (!picked && s.user.locale) {
        setLocale(s.user.locale);
      }
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
      const signedIn = { ...s.user, locale: picked ?? s.user.locale };
      setUser(signedIn);
      return { user: signedIn, notice: s.notice };
    },
    [queryClient, setLocale],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setCsrfToken(null);
    setUser(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
  }, [queryClient]);

  const changeLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      if (user) {
        api
          .patch('/auth/me', { body: { locale: next } })
          .then((u) => setUser((prev) => (prev ? { ...prev, ...u } : prev)))
          .catch(() => undefined);
      }
    },
    [setLocale, user],
  );

  const reload = useCallback(async () => {
    try {
      const s = await api.get('/auth/me');
      setCsrfToken(s.csrfToken);
      setUser(s.user);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setUser(null);
    }
  }, []);

  const value = useMemo<AuthState>(
    () => ({ user, meta: meta.data, login, logout, changeLocale, reload }),
    [user, meta.data, login, logout, changeLocale, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only for components under the authenticated layout. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}
