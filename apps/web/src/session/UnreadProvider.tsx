import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { listNotifications } from '../api/identity';
import { useSession } from './SessionContext';
import { type Unread, UnreadContext } from './UnreadContext';

export const unreadPollIntervalMs = 60_000;

/**
 * Polls the unread count (`GET /api/notifications?pageSize=1`) every minute while signed in.
 * A hidden tab does not poll: it would keep an idle session alive for nobody, and the count is
 * fetched again as soon as the tab is shown.
 */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const { status, me } = useSession();
  const userId = status === 'signedIn' ? me?.id : undefined;
  // Keyed by user, so a count never outlives the session it was fetched for.
  const [fetched, setFetched] = useState<{ userId: string; count: number | null } | null>(null);
  const [tick, setTick] = useState(0);

  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    listNotifications({ pageSize: 1 }, { signal: controller.signal, background: true }).then(
      (page) => setFetched({ userId, count: typeof page.unread === 'number' ? page.unread : null }),
      () => {
        if (!controller.signal.aborted) setFetched({ userId, count: null });
      },
    );
    return () => controller.abort();
  }, [userId, tick]);

  useEffect(() => {
    if (!userId) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, unreadPollIntervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [userId, refresh]);

  const count = userId && fetched?.userId === userId ? fetched.count : null;
  const value = useMemo<Unread>(() => ({ count, refresh }), [count, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}
