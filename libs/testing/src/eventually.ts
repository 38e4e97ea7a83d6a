/**
 * Retries `check` (an assertion) until it passes or `timeoutMs` has gone by, then rethrows its
 * last failure: for effects a worker carries out in the background (a mail, a dropped notice).
 */
export async function eventually(check: () => unknown, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
