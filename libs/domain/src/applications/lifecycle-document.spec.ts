import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIFECYCLE_DOCUMENT_PATH, lifecycleDocument } from './lifecycle-document';
import { APPLICATION_STATES, STATE_LABELS } from './lifecycle-vocabulary';

const repositoryRoot = join(__dirname, '../../../..');

describe('the exported lifecycle document', () => {
  it('is committed as the machine draws it now (run `npm run docs:lifecycle` after changing the machine)', () => {
    const committed = readFileSync(join(repositoryRoot, LIFECYCLE_DOCUMENT_PATH), 'utf8');
    expect(committed).toBe(lifecycleDocument());
  });

  it('draws every state with its German label in a Mermaid diagram', () => {
    const document = lifecycleDocument();
    expect(document).toContain('```mermaid\nstateDiagram-v2\n');
    for (const state of APPLICATION_STATES) {
      expect(document).toContain(`state "${STATE_LABELS[state].de}" as ${state}`);
    }
    expect(document).toContain('  selected --> approved: APPROVE\n');
    expect(document).toContain('  revoked --> [*]\n');
  });
});
