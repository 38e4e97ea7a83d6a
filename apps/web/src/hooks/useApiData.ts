import { useCallback, useEffect, useRef, useState } from 'react';

export type Loadable<T> =
  { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; error: unknown };

type Result<T> = { load: (signal: AbortSignal) => Promise<T>; attempt: number; state: Loadable<T> };

/**
 * Loads data for a component and aborts when it unmounts or `load` changes (pass a `useCallback`).
 * `reload()` fetches again but keeps showing the current data meanwhile, so lists do not flicker
 * after every change; `replace()` shows data the caller already has (the answer of a write).
 */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>) {
  const [result, setResult] = useState<Result<T> | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setResult({ load, attempt, state: { status: 'loaded', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResult({ load, attempt, state: { status: 'failed', error } });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  let state: Loadable<T> = { status: 'loading' };
  if (result?.load === load && (result.attempt === attempt || result.state.status === 'loaded')) {
    state = result.state;
  }

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback(
    (data: T) => setResult((previous) => previous && { ...previous, state: { status: 'loaded', data } }),
    [],
  );
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
