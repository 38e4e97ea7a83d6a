import { DEMO_PASSWORD } from '@kiezfonds/persistence';
import { buildApiDocument } from './openapi-document';

/**
 * The OpenAPI document is public (served at /api/docs and committed): an example value is copied
 * into clients and tried by strangers. A working password there, such as the demo accounts' one,
 * signs anyone into a demo or a deployment seeded from it; a credential field shows a placeholder.
 */
const CREDENTIAL_FIELD = /password|passwort|secret|token/i;
const PLACEHOLDER = /^<[^<>]+>$/;

type Node = { [key: string]: unknown };

/** Every `example` in the document, with the name of the field it describes. */
function examples(node: unknown, field = '', found: { field: string; example: unknown }[] = []) {
  if (Array.isArray(node)) {
    for (const item of node) examples(item, field, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === 'example') found.push({ field, example: value });
      else if (key === 'examples' && Array.isArray(value)) {
        for (const example of value) found.push({ field, example });
      } else
        examples(value, key === 'properties' || key === 'items' || key === 'schema' ? field : key, found);
    }
  }
  return found;
}

describe('examples in the API document', () => {
  let found: { field: string; example: unknown }[];
  beforeAll(async () => {
    found = examples(await buildApiDocument());
    // Compiling the whole API module graph for Nest takes a while on a busy machine.
  }, 120_000);

  it('never show the demo password', () => {
    expect(found.filter(({ example }) => JSON.stringify(example).includes(DEMO_PASSWORD))).toEqual([]);
  });

  it('show a credential field only with a placeholder such as <password>', () => {
    const credentials = found.filter(
      ({ field, example }) => CREDENTIAL_FIELD.test(field) && typeof example === 'string',
    );
    expect(credentials.filter(({ example }) => !PLACEHOLDER.test(example as string))).toEqual([]);
  });
});
