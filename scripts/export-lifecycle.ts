/**
 * Writes the application lifecycle, drawn from the XState machine in libs/domain, to
 * docs/lifecycle/lifecycle.md (a Mermaid diagram and tables with German labels).
 *
 *   npm run docs:lifecycle
 *
 * Commit the result: a unit test compares the committed file with the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LIFECYCLE_DOCUMENT_PATH, lifecycleDocument } from '@kiezfonds/domain';

mkdirSync(dirname(LIFECYCLE_DOCUMENT_PATH), { recursive: true });
writeFileSync(LIFECYCLE_DOCUMENT_PATH, lifecycleDocument());
console.log(`Wrote ${LIFECYCLE_DOCUMENT_PATH}`);
