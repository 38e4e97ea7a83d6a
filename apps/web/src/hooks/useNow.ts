import { useState } from 'react';

/**
 * The time the page was shown, for hints such as "the deadline has passed". Rendering must stay
 * pure, so the clock is read once; the server decides deadlines anyway.
 */
export function useNow(): number {
  const [now] = useState(() => Date.now());
  return now;
}
