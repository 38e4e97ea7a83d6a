import { useCallback, useEffect, useRef, useState } from 'react';

export type Loadable<T> =
  { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; error: unknown };

type Result<T> = { load: (signal: AbortSignal) => Promise<T>; attempt: number; state: Loadable<T> };

/**
 * Loads data for a component and aborts when it unmounts or `load` changes (pass a `useCallback`).
 * `reload()` fetches again but keeps showing the current data meanwhile, so lists do not flicker
 * after every change; `replace()` shows data the caller already has (the answer of a write).
 *
 * A load sent before a `replace()` is older than the data replaced, whenever its answer comes: it
 * is dropped. Shown, a live view's refresh that crossed a member's vote brought the vote buttons
 * back after the vote was recorded.
 */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>) {
  const [result, setResult] = useState<Result<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadsSent = useRef(0);
  const sentBeforeReplace = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    const sent = ++loadsSent.current;
    const settle = (state: Loadable<T>) =>
      setResult((previous) => {
        const outdated =
          sent <= sentBeforeReplace.current && previous?.load === load && previous.state.status === 'loaded';
        return outdated ? previous : { load, attempt, state };
      });
    load(controller.signal).then(
      (data) => settle({ status: 'loaded', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) settle({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  let state: Loadable<T> = { status: 'loading' };
  if (result?.load === load && (result.attempt === attempt || result.state.status === 'loaded')) {
    state = result.state;
  }

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => {
    sentBeforeReplace.current = loadsSent.current;
    setResult((previous) => previous && { ...previous, state: { status: 'loaded', data } });
  }, []);
  return { state, reload, replace };
}

/**
 * Calls `reload` (of `useApiData`) whenever `key` changes after the first render: the data follow a
 * change made elsewhere on the page, in place, without a loader that would unmount forms and
 * their confirmations.
 */
export function useReloadOn(key: string | number, reload: () => void) {
  const seen = useRef(key);
  useEffect(() => {
    if (seen.current === key) return;
    seen.current = key;
    reload();
  }, [key, reload]);
}
