// Builds the API, the worker and the libraries they use into dist/ (see compile.mjs). Every
// library under libs/ is included except the test harness, so a new library needs no change here.
import { rmSync } from 'node:fs';
import { compile, librarySources } from './compile.mjs';

for (const dir of ['dist/apps/api', 'dist/apps/worker', 'dist/libs', 'dist/config']) {
  rmSync(dir, { recursive: true, force: true });
}
compile(['apps/api/src', 'apps/worker/src', 'config/src', ...librarySources()], 'dist');
