import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * An action (a decision, a booking) whose result the page shows only once it has reloaded its
 * data. Between the API's answer and the reloaded data the page still shows the record as it was,
 * with the action just taken; pressed again, it would be a new action under a new idempotency key,
 * which the API refuses with 409 because the state has moved on. So the action is `pending` from
 * the press until `shown`, the record as the page showed it when the answer came, has been
 * replaced by a newer load (every load makes new objects, so identity tells them apart). A refused
 * action is not pending afterwards: nothing changed and the user may try again.
 */
export function useActionUntilShown(shown: object) {
  const [running, setRunning] = useState(false);
  const [doneOn, setDoneOn] = useState<object | null>(null);
  const latest = useRef(shown);
  useEffect(() => {
    latest.current = shown;
  }, [shown]);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T> => {
    setRunning(true);
    try {
      const result = await action();
      setDoneOn(latest.current);
      return result;
    } finally {
      setRunning(false);
    }
  }, []);
  return { pending: running || doneOn === shown, run };
}
