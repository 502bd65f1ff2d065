import { QueryClient } from '@tanstack/react-query';
import { ApiError, onPasswordChangeRequired, onUnauthenticated } from './client';
import { ME_KEY } from './keys';

/** Client errors (4xx) are answers, not glitches: retrying them only delays the message. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** The app's query client; when the session ends, the cached user is cleared and the guard sends the user to login. */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  onUnauthenticated(() => {
    if (client.getQueryData(ME_KEY)) client.setQueryData(ME_KEY, null);
  });
  // The server refuses everything but a password change: reload the user, whose flag sends them to that screen.
  onPasswordChangeRequired(() => void client.invalidateQueries({ queryKey: ME_KEY }));
  return client;
}
