import { fieldPath } from './field-path';

export interface ContentChange {
  /** `summary`, `costPlan[2].amountCents`, `declarations.transparencyConsent`. */
  path: string;
  /** `null` where the value did not exist. */
  before: unknown;
  after: unknown;
}

/**
 * What changed between two versions of JSON content, leaf by leaf, for the coordinator's view of
 * a carrier's reply. Objects are compared key by key, lists position by position; an element or
 * key that appears or disappears is one change carrying the whole value. Keys come in the order
 * the later version has them, then removed keys.
 */
export function diffContent(before: unknown, after: unknown): ContentChange[] {
  const changes: ContentChange[] = [];
  walk(before, after, [], changes);
  return changes;
}

function walk(before: unknown, after: unknown, path: PropertyKey[], changes: ContentChange[]): void {
  if (before === undefined && after === undefined) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      walk(before[i], after[i], [...path, i], changes);
    }
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((key) => !Object.hasOwn(after, key))];
    for (const key of keys) walk(before[key], after[key], [...path, key], changes);
    return;
  }
  if (!sameValue(before, after)) {
    changes.push({ path: fieldPath(path), before: before ?? null, after: after ?? null });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equal as JSON would carry them: `undefined` and `null` both mean "not there". */
function sameValue(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
