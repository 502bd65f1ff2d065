import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Me, me as meSchema } from '../../core/schemas/auth';
import { okReply } from '../../core/schemas/common';
import { ApiError, hasCsrfCookie, request } from './client';
import { ME_KEY } from './keys';

export type { Me };

/**
 * The current user, or null when nobody is logged in. Without the CSRF cookie (set at login, cleared at logout)
 * there is no session to ask about, which spares an anonymous visitor a 401 in the browser console.
 */
async function fetchMe(): Promise<Me | null> {
  if (!hasCsrfCookie()) return null;
  try {
    return await request('GET', '/api/auth/me', meSchema);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The logged-in user; only call below the authentication guard. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the authentication guard');
  return data;
}

/** True when the global ability (full action name, e.g. `user.list`) is granted to the current user. */
export function useCan(action: string): boolean {
  const { data } = useMe();
  return data?.abilities[action] === true;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => request('POST', '/api/auth/login', meSchema, { body }),
    onSuccess: (me) => {
      loggedOutOnPurpose = false;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, me);
    },
  });
}

/** Ends the session on the server; the caller then calls `useForgetSession()`'s function. */
export function useLogout() {
  return useMutation({ mutationFn: () => request('POST', '/api/auth/logout', okReply) });
}

let loggedOutOnPurpose = false;

/** True after the user logged out themselves, until the next login (the login page then has no return path). */
export function wasLoggedOutOnPurpose(): boolean {
  return loggedOutOnPurpose;
}

/** Drops everything cached for the previous user; the authentication guard then shows the login page. */
export function useForgetSession() {
  const qc = useQueryClient();
  return () => {
    loggedOutOnPurpose = true;
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    qc.setQueryData(ME_KEY, null);
  };
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      request('POST', '/api/auth/password', okReply, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
}

/** Stores the preferred language on the account (the choice then follows the user to other devices). */
export function saveLanguage(lang: 'vi' | 'en') {
  return request('PUT', '/api/auth/lang', okReply, { body: { lang } });
}

/** Remembers the top bar's year on the account (the next visit, on any device, opens on it). */
export function saveYear(year: number | null) {
  return request('PUT', '/api/auth/year', okReply, { body: { year } });
}
