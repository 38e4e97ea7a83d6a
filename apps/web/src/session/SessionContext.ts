import { createContext, useContext } from 'react';
import type { Me } from '../api/identity';

/**
 * `loading` until `GET /api/me` answers; `unavailable` when it failed for another reason than
 * 401 (server down), so protected pages can offer a retry instead of sending users to sign in.
 */
export type SessionStatus = 'loading' | 'signedOut' | 'signedIn' | 'unavailable';

/** Why the session ended in this tab: the sign-in page says so. */
export type SignOutReason = 'here' | 'everywhere' | 'expired';

export type Session = {
  status: SessionStatus;
  me: Me | null;
  /** Set when a session of this tab ended, cleared by the next sign-in. */
  endedBecause: SignOutReason | null;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
  /** Accepts an invitation; the answer signs the new user in. */
  acceptInvitation(token: string, password: string): Promise<Me>;
  /** Replaces the signed-in user after a change such as `PATCH /api/me`. */
  updateMe(me: Me): void;
  reload(): void;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

/** The signed-in user, for components that only render behind `RequireSession`. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe must be used behind <RequireSession>');
  return me;
}
