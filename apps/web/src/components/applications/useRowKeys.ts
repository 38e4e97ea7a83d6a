import { useCallback, useState } from 'react';

let counter = 0;
const freshKey = () => `zeile-${++counter}`;

/**
 * Stable React keys for the rows of a repeatable group whose data (in the application content)
 * carries no ids, so removing row 2 does not hand row 3's typed text to row 2's field.
 */
export function useRowKeys(count: number) {
  const [keys, setKeys] = useState<string[]>(() => Array.from({ length: count }, freshKey));
  // Rows that came from elsewhere (a reload) get positional keys until they are edited.
  const current =
    keys.length === count
      ? keys
      : [
          ...keys.slice(0, count),
          ...Array.from(
            { length: Math.max(0, count - keys.length) },
            (_, i) => `zeile-neu-${keys.length + i}`,
          ),
        ];
  const settled = useCallback(
    (previous: string[]) => {
      const next = previous.slice(0, count);
      while (next.length < count) next.push(freshKey());
      return next;
    },
    [count],
  );
  const added = useCallback(() => setKeys((previous) => [...settled(previous), freshKey()]), [settled]);
  const removed = useCallback(
    (index: number) =>
      setKeys((previous) => {
        const next = settled(previous);
        next.splice(index, 1);
        return next;
      }),
    [settled],
  );
  return { keys: current, added, removed };
}
