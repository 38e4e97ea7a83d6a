import { createContext, useContext } from 'react';

/** The number of unread in-app notifications; `null` while unknown (signed out, not loaded, failed). */
export type Unread = { count: number | null; refresh(): void };

export const UnreadContext = createContext<Unread>({ count: null, refresh: () => undefined });

export function useUnread(): Unread {
  return useContext(UnreadContext);
}
