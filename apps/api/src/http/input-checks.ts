import type { ErrorDetail } from '@kiezfonds/domain';

/** Deeper than any form of the app nests; a deeper body is an attack on the parsers after JSON. */
export const MAX_INPUT_DEPTH = 32;
/**
 * More fields than any form of the app has in one object. class-transformer's time grows with
 * the square of an object's keys: 60 000 of them, well inside the 1 MB body limit, cost seconds
 * of CPU on the one thread that serves every request.
 */
export const MAX_OBJECT_KEYS = 1000;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** Half of a UTF-16 surrogate pair without its other half: no character, and no UTF-8 for it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no input may contain, whatever the route (TRUST.md, "Bad input and abuse"): nesting deeper
 * than MAX_INPUT_DEPTH (the validators recurse), objects of more than MAX_OBJECT_KEYS fields, NUL
 * characters (PostgreSQL text cannot hold them), lone surrogates (JSON may escape them as
 * `\ud800`, but they are no text: PostgreSQL's jsonb refuses them) and, where
 * `replacementMarksInvalidUtf8` is set, U+FFFD, which is what invalid UTF-8 bytes were decoded to.
 * Walks iteratively, so the check itself cannot overflow the stack.
 */
export function inputProblems(
  value: unknown,
  options: { replacementMarksInvalidUtf8?: boolean } = {},
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) problems.push({ field: path, rule: 'noNulCharacters' });
      else if (LONE_SURROGATE.test(current)) problems.push({ field: path, rule: 'utf8' });
      else if (options.replacementMarksInvalidUtf8 && current.includes('\uFFFD'))
        problems.push({ field: path, rule: 'utf8' });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field: path, rule: 'maxDepth', params: { max: MAX_INPUT_DEPTH } });
      continue;
    }
    if (!Array.isArray(current) && Object.keys(current).length > MAX_OBJECT_KEYS) {
      problems.push({ field: path, rule: 'tooManyKeys', params: { max: MAX_OBJECT_KEYS } });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) problems.push({ field: childPath, rule: 'noNulCharacters' });
      else if (LONE_SURROGATE.test(key)) problems.push({ field: childPath, rule: 'utf8' });
      else stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * Whole numbers in paths and queries fit PostgreSQL's `integer` (int32): ids, versions, years,
 * pages. A larger one is a 400 naming the field, never a 500 from the database.
 */
export function int32Problems(value: unknown): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const visit = (current: unknown, path: string) => {
    if (typeof current === 'number') {
      if (
        !Number.isFinite(current) ||
        (Number.isInteger(current) && (current < INT32.min || current > INT32.max))
      )
        problems.push({ field: path, rule: 'int32', params: { min: INT32.min, max: INT32.max } });
      return;
    }
    if (typeof current === 'bigint') {
      if (current < BigInt(INT32.min) || current > BigInt(INT32.max))
        problems.push({ field: path, rule: 'int32', params: { min: INT32.min, max: INT32.max } });
      return;
    }
    if (typeof current !== 'object' || current === null || current instanceof Date) return;
    for (const [key, child] of Object.entries(current)) visit(child, path ? `${path}.${key}` : key);
  };
  visit(value, '');
  return problems;
}
