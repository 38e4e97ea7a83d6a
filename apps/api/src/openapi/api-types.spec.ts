import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_DOCUMENT_PATH, generateApiFiles, WEB_SCHEMA_PATH } from './api-types';

/*
 * The web's API types are generated from the OpenAPI document, which is built from the
 * controllers and DTOs. Both files are committed; when a DTO or route changes without
 * regenerating them, this fails (part of `npm test`, no database or Redis needed).
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const committed = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the generated API contract', () => {
  let generated: { document: string; schema: string };
  beforeAll(async () => {
    generated = await generateApiFiles();
    // Compiling the whole API module graph for Nest takes a while on a busy machine.
  }, 120_000);

  it.each([
    [API_DOCUMENT_PATH, 'document'],
    [WEB_SCHEMA_PATH, 'schema'],
  ] as const)('%s is up to date (otherwise: run npm run api:types)', (path, key) => {
    const stale = committed(path) !== generated[key];
    if (stale) throw new Error(`${path} is stale: run npm run api:types and commit the result`);
    expect(stale).toBe(false);
  });

  it('declares every {placeholder} of a route as a path parameter (else the web cannot fill it)', () => {
    type Operation = { parameters?: { in: string; name: string }[] };
    const document = JSON.parse(generated.document) as { paths: Record<string, Record<string, Operation>> };
    const undeclared = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        return [...route.matchAll(/\{(\w+)\}/g)]
          .map((match) => match[1]!)
          .filter((name) => !declared.includes(name))
          .map((name) => `${method.toUpperCase()} ${route}: ${name}`);
      }),
    );
    expect(undeclared).toEqual([]);
  });

  it('names every DTO that becomes a schema once (Nest lets a later class replace it silently)', () => {
    const document = JSON.parse(generated.document) as { components: { schemas: Record<string, unknown> } };
    const declared = new Map<string, string[]>();
    for (const root of ['libs', join('apps', 'api', 'src')]) {
      const files = readdirSync(join(ROOT, root), { recursive: true, encoding: 'utf8' }).filter(
        (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'),
      );
      for (const file of files) {
        for (const match of committed(join(root, file)).matchAll(/^export class (\w+)/gm)) {
          declared.set(match[1]!, [...(declared.get(match[1]!) ?? []), join(root, file)]);
        }
      }
    }
    const twice = Object.keys(document.components.schemas).filter(
      (name) => (declared.get(name) ?? []).length > 1,
    );
    expect(twice.map((name) => `${name}: ${declared.get(name)!.join(', ')}`)).toEqual([]);
  });

  it('describes the routes the web calls', () => {
    const document = JSON.parse(generated.document) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/applications/{id}', '/api/me', '/api/home/next-steps']),
    );
  });
});
