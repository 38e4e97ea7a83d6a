/** A search text as a LIKE pattern that matches it anywhere, with its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
