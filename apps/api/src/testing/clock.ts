/**
 * Moves the test process's calendar (and so the in-process API's "today") to `iso`, the clock
 * ticking on from there; timers, the event loop and PostgreSQL's `now()` stay real. For rules that
 * depend on the day, e.g. that a project of March 2027 calls off money only from March 2027.
 */
export function travelTo(iso: string): void {
  jest.useFakeTimers({
    now: new Date(iso),
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** Back to the real day. */
export function backToToday(): void {
  jest.useRealTimers();
}
