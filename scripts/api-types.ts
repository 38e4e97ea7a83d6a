/**
 * Writes the API's OpenAPI document (apps/api/openapi.json) and the web's types generated from it
 * (apps/web/src/api/schema.d.ts), without a database or Redis (Nest's preview mode).
 *
 *   npm run api:types
 *
 * Commit both files: apps/api/src/openapi/api-types.spec.ts fails when they are stale.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { API_DOCUMENT_PATH, generateApiFiles, WEB_SCHEMA_PATH } from '../apps/api/src/openapi/api-types';

async function main(): Promise<void> {
  const { document, schema } = await generateApiFiles();
  writeFileSync(API_DOCUMENT_PATH, document);
  writeFileSync(WEB_SCHEMA_PATH, schema);
  console.log(`Wrote ${API_DOCUMENT_PATH} and ${WEB_SCHEMA_PATH}`);
}

void main();
