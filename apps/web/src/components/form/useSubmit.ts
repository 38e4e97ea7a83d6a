import { useCallback, useState } from 'react';

/**
 * A form's submit in flight: `busy` while `work` runs (to disable the button), and a failure
 * handed to `onError` (usually `form.showApiError`), so every form handles both the same way.
 */
export function useSubmit(onError: (error: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      try {
        await work();
      } catch (error) {
        onError(error);
      } finally {
        setBusy(false);
      }
    },
    [onError],
  );
  return { busy, run };
}
