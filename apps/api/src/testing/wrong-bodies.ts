import fc from 'fast-check';
import type request from 'supertest';

/**
 * Request bodies with values of the wrong type, for the property-based tests that hold TRUST.md's
 * "never a 500 for input" for every body route (apps/api/src/http/wrong-types-input*.int.spec.ts).
 * An example is a valid body; it may hold an arbitrary where a field has several valid values.
 */
export type Example = unknown;

/** Values of every JSON type, and strings that look like numbers, dates, booleans or keys. */
export const WRONG: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(), // NaN and ±Infinity travel as null
  fc.constantFrom(-1, 0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }), // lone surrogates and control characters too
  fc.constantFrom('', ' ', '0', '-1', '1e5', 'true', 'null', '2027-02-30', '__proto__', 'x'.repeat(10_001)),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof fc.Arbitrary);

/** The example with every leaf, and now and then a whole list or object, replaced by a wrong value. */
function allWrong(example: Example): fc.Arbitrary<unknown> {
  if (Array.isArray(example)) return fc.oneof(fc.tuple(...example.map(allWrong)), WRONG);
  if (isRecord(example)) {
    const fields = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, allWrong(v)]));
    return fc.oneof({ weight: 3, arbitrary: fc.record(fields) }, { weight: 1, arbitrary: WRONG });
  }
  return WRONG;
}

/** The example with some values replaced by wrong ones, and lists with wrong items added. */
function someWrong(example: Example): fc.Arbitrary<unknown> {
  if (example instanceof fc.Arbitrary) return fc.oneof(example as fc.Arbitrary<unknown>, WRONG);
  if (Array.isArray(example)) {
    const items = fc
      .tuple(fc.tuple(...example.map(someWrong)), fc.array(WRONG, { maxLength: 2 }))
      .map(([kept, added]) => [...kept, ...added]);
    return fc.oneof({ weight: 3, arbitrary: items }, { weight: 1, arbitrary: WRONG });
  }
  if (isRecord(example)) {
    const fields = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, someWrong(v)]));
    return fc.oneof({ weight: 3, arbitrary: fc.record(fields) }, { weight: 1, arbitrary: WRONG });
  }
  return fc.oneof({ weight: 1, arbitrary: fc.constant(example) }, { weight: 2, arbitrary: WRONG });
}

/** The example as a valid body: every arbitrary in it draws one of its values. */
export function valid(example: Example): fc.Arbitrary<unknown> {
  if (example instanceof fc.Arbitrary) return example as fc.Arbitrary<unknown>;
  if (Array.isArray(example)) return fc.tuple(...example.map(valid));
  if (isRecord(example))
    return fc.record(Object.fromEntries(Object.entries(example).map(([k, v]) => [k, valid(v)])));
  return fc.constant(example);
}

/** Where a value sits in the example: every field, list, item and nested object. */
export function paths(example: Example, at: (string | number)[] = []): (string | number)[][] {
  const inner =
    Array.isArray(example) || isRecord(example)
      ? Object.entries(example).flatMap(([k, v]) => paths(v, [...at, Array.isArray(example) ? Number(k) : k]))
      : [];
  return at.length > 0 ? [at, ...inner] : inner;
}

/** A copy of the body with `value` at `path`. */
export function withValueAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return copy;
}

/** A valid body but for one value of the wrong type, so that the rest reaches the checks behind it. */
function oneWrong(example: Example): fc.Arbitrary<unknown> {
  const where = paths(example);
  return fc
    .tuple(valid(example), fc.constantFrom(...where), WRONG)
    .map(([body, path, wrong]) => withValueAt(body, path, wrong));
}

/** Bodies of the example's shape with wrong values in every field, in some, in one, or as a whole. */
export function wrongBodies(example: Example): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: allWrong(example) },
    { weight: 2, arbitrary: someWrong(example) },
    { weight: 4, arbitrary: oneWrong(example) },
    // The whole body: a number, a string, null, a list, or the valid body inside a list.
    {
      weight: 1,
      arbitrary: fc.oneof(
        WRONG,
        valid(example).map((body) => [body]),
      ),
    },
  );
}

/**
 * The seed of the property runs: fixed, so that a failure is the same on every machine, unless
 * `WRONG_TYPES_SEED=random` asks for a new one (fast-check prints it with a failure), as a
 * change to a DTO or a route deserves a few times before it is committed.
 */
export function wrongTypesSeed(fixed: number): { seed?: number } {
  const setting = process.env['WRONG_TYPES_SEED'];
  if (setting === 'random') return {};
  return { seed: setting ? Number(setting) : fixed };
}

interface Detail {
  field?: unknown;
  rule?: unknown;
  message?: unknown;
}

/** Below 500, and a 400 has a code and names every fault's field and rule with a message. */
export function expectAnsweredAsInput(res: request.Response, sent: unknown): void {
  // A 500 shows what was sent (fast-check prints a counterexample object as [object Object]).
  expect(res.status >= 500 ? { status: res.status, sent: JSON.stringify(sent) } : 'below 500').toBe(
    'below 500',
  );
  if (res.status === 400) {
    const details = res.body.details as Detail[];
    expect(typeof res.body.code).toBe('string');
    if (res.body.code === 'validation_failed') expect(details.length).toBeGreaterThan(0);
    for (const d of details) {
      expect(d).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
    }
  }
}

/** Whether a 400 names the field (or a field containing it). */
export function namesField(res: request.Response, field: string): boolean {
  const details = (res.body?.details ?? []) as { field: string }[];
  return res.status === 400 && details.some((d) => field === d.field || field.startsWith(`${d.field}.`));
}
