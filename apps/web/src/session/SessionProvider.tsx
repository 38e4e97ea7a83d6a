import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError, onSessionEnded, setCsrfToken } from '../api/client';
import * as identity from '../api/identity';
import type { Me } from '../api/identity';
import { type Session, SessionContext, type SessionStatus, type SignOutReason } from './SessionContext';
import { keepUnsavedInput } from './unsavedInput';

type State = { status: SessionStatus; me: Me | null; endedBecause: SignOutReason | null };

/**
 * Loads the signed-in user once (`GET /api/me`, 401 meaning signed out), keeps the API client's
 * CSRF token in step with the session, and notices when the server ends the session.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading', me: null, endedBecause: null });
  const [attempt, setAttempt] = useState(0);

  // Whose input is kept when the session ends (see unsavedInput.ts).
  const userId = useRef<string | null>(null);

  const signedIn = useCallback((me: Me) => {
    userId.current = me.id;
    setCsrfToken(me.csrfToken);
    setState({ status: 'signedIn', me, endedBecause: null });
  }, []);

  const signedOut = useCallback((reason: SignOutReason | null) => {
    userId.current = null;
    setCsrfToken(null);
    setState({ status: 'signedOut', me: null, endedBecause: reason });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    identity.getMe({ signal: controller.signal }).then(signedIn, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (isApiError(error) && error.status === 401) signedOut(null);
      else setState({ status: 'unavailable', me: null, endedBecause: null });
    });
    return () => controller.abort();
  }, [attempt, signedIn, signedOut]);

  useEffect(
    () =>
      onSessionEnded(() => {
        // The page is about to give way to the sign-in page: keep what was typed but not saved.
        if (userId.current) keepUnsavedInput(window.location.pathname, userId.current);
        signedOut('expired');
      }),
    [signedOut],
  );

  const session = useMemo<Session>(
    () => ({
      ...state,
      async signIn(email, password) {
        const me = await identity.login(email, password);
        signedIn(me);
        return me;
      },
      async signOut() {
        try {
          await identity.logout();
        } catch (error) {
          // Already signed out on the server (expired session): the result is the same.
          if (!isApiError(error) || error.status !== 401) throw error;
        }
        signedOut('here');
      },
      async signOutEverywhere() {
        await identity.logoutEverywhere();
        signedOut('everywhere');
      },
      async acceptInvitation(token, password) {
        const me = await identity.acceptInvitation(token, password);
        signedIn(me);
        return me;
      },
      updateMe(me) {
        // PATCH answers may omit the CSRF token; the session's token stays valid.
        setState((previous) => ({
          status: 'signedIn',
          me: { ...me, csrfToken: me.csrfToken ?? previous.me?.csrfToken ?? null },
          endedBecause: null,
        }));
        if (me.csrfToken) setCsrfToken(me.csrfToken);
      },
      reload() {
        setState({ status: 'loading', me: null, endedBecause: null });
        setAttempt((n) => n + 1);
      },
    }),
    [state, signedIn, signedOut],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
