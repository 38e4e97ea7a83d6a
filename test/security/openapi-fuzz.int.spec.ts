import { randomUUID } from 'node:crypto';
import * as fc from 'fast-check';
import request from 'supertest';
import { type Actor, ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';

/**
 * Every operation of the OpenAPI document, called by every kind of caller with generated
 * parameters and bodies (valid, nearly valid and junk), must answer below 500: bad input is a
 * 4xx with a code, never a crash (TRUST.md, "Bad input and abuse"). The runs per operation are
 * bounded so the whole sweep stays within about a minute.
 */
const RUNS_PER_OPERATION = 8;

/** Operations that would end the callers' own sessions and so blind the rest of the sweep. */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-everywhere']);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
};
type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
};
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "' OR 1=1 --", '🎉'.repeat(50), 'x'.repeat(5000)),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, 0.5, -0),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

function resolve(schema: Schema, doc: Document): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return doc.components?.schemas?.[name] ?? {};
}

function valueOf(schema: Schema | undefined, doc: Document, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return junk;
  const s = resolve(schema, doc);
  const choices = s.allOf ?? s.oneOf ?? s.anyOf;
  if (choices?.length) return fc.oneof(...choices.map((c) => valueOf(c, doc, ids, depth + 1)));
  let typed: fc.Arbitrary<unknown>;
  if (s.enum) typed = fc.constantFrom(...s.enum);
  else if (s.type === 'string' && s.format === 'uuid') typed = fc.oneof(fc.constantFrom(...ids), fc.uuid());
  else if (s.type === 'string' && s.format === 'date')
    typed = fc.oneof(fc.constantFrom('2027-01-01', '2026-02-30', '9999-12-31', '0000-00-00'), fc.string());
  else if (s.type === 'string' && s.format === 'date-time')
    typed = fc.oneof(
      fc.constantFrom('2027-06-30T10:00:00Z', '2026-13-01T00:00:00Z'),
      fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
    );
  else if (s.type === 'string')
    typed = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('123456', '12,50', 'DE89370400440532013000'),
    );
  else if (s.type === 'integer')
    typed = fc.oneof(
      fc.integer({ min: -5, max: 3000 }),
      fc.constantFrom(2 ** 31, 2 ** 53, -(2 ** 40)),
      fc.maxSafeInteger(),
    );
  else if (s.type === 'number') typed = fc.oneof(fc.double({ noNaN: true }), fc.integer());
  else if (s.type === 'boolean') typed = fc.boolean();
  else if (s.type === 'array' || s.items)
    typed = fc.array(valueOf(s.items, doc, ids, depth + 1), { maxLength: 3 });
  else if (s.type === 'object' || s.properties) {
    const properties = s.properties ?? {};
    const model = Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, valueOf(v, doc, ids, depth + 1)]),
    );
    typed = fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in properties) });
  } else typed = junk;
  // Mostly well-typed values, so calls get past validation into the services; now and then junk.
  return fc.oneof({ arbitrary: typed, weight: depth === 0 ? 6 : 30 }, { arbitrary: junk, weight: 1 });
}

/** How a generated value travels in a path or query: text as it is, anything else as JSON. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'x');
}

interface GeneratedCall {
  actor: number;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

function callOf(
  path: string,
  operation: Operation,
  doc: Document,
  ids: string[],
  actors: number,
): fc.Arbitrary<GeneratedCall> {
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const segment = (p: Parameter) =>
    fc
      .oneof(
        { arbitrary: valueOf(p.schema, doc, ids), weight: 4 },
        { arbitrary: fc.string({ minLength: 1, maxLength: 20 }), weight: 1 },
      )
      .map((v) => encodeURIComponent(v === '' || v === undefined ? 'x' : text(v)));
  const schema = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
  return fc.record({
    actor: fc.integer({ min: 0, max: actors - 1 }),
    path: fc
      .tuple(...pathParams.map(segment))
      .map((values) => pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, values[i]!), path)),
    query: fc
      .record(Object.fromEntries(queryParams.map((p) => [p.name, valueOf(p.schema, doc, ids)])), {
        requiredKeys: [],
      })
      .map((q) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, text(v)]))),
    body: schema ? valueOf(schema, doc, ids) : fc.constant(undefined),
  });
}

describe('the API answers every operation, for every caller and any input, without a server error', () => {
  let api: TestApi;
  let doc: Document;
  let actors: (Actor | null)[];
  let ids: string[];

  beforeAll(async () => {
    api = await startTestApi({ API_DOCS: 'on' });
    const world = await ApplicationWorld.create(api.server, api.db.dataSource);
    const committee = await createCommittee(world);
    const call = await world.openCall();
    const draft = await world.draft(call.id);
    const admin = await world.staff('admin');
    await api.db.dataSource.query(`UPDATE organisation SET verified_at = now() WHERE id = $1`, [
      world.organisation.id,
    ]);
    actors = [null, world.carrier, world.coordinator, world.finance, world.boardMember, admin];
    ids = [
      world.district.id,
      world.fundId,
      world.organisation.id,
      call.id,
      draft.id,
      committee.committeeId,
      ...committee.voterMemberIds,
      ...actors.flatMap((a) => (a ? [a.user.id] : [])),
      randomUUID(),
    ];
    doc = (await request(api.server).get('/api/docs-json').expect(200)).body as Document;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('finds no 5xx in any operation of the OpenAPI document', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (SKIPPED.has(name)) continue;
        operations++;
        try {
          await fc.assert(
            fc.asyncProperty(callOf(path, operation, doc, ids, actors.length), async (call) => {
              const actor = actors[call.actor];
              let req = request(api.server)[method as 'get'](call.path).query(call.query);
              if (actor)
                req = req.set('Cookie', actor.session.cookie).set('X-CSRF-Token', actor.session.csrfToken);
              if (call.body !== undefined && method !== 'get')
                req = req.set('Content-Type', 'application/json').send(JSON.stringify(call.body));
              const res = await req;
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              if (res.status >= 500)
                throw new Error(
                  `${name} as ${actor?.user.email ?? 'anonymous'}: ${res.status} ${call.path} ${JSON.stringify(call.query)} ${JSON.stringify(call.body)?.slice(0, 300)}`,
                );
            }),
            { numRuns: RUNS_PER_OPERATION, endOnFailure: true },
          );
        } catch (error) {
          const message = (error as Error).message;
          failures.push(message.split('\n').find((line) => line.includes(': 5')) ?? message.slice(0, 500));
        }
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    // The sweep reaches the handlers, not only the validation: many calls succeed.
    const succeeded = [...statuses].filter(([status]) => status < 300).reduce((n, [, count]) => n + count, 0);
    expect(succeeded).toBeGreaterThan(operations / 2);
  }, 240_000);
});
