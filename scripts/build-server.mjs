// Compiles the API, the worker and the libraries they use into dist/ with SWC (which, unlike
// esbuild, emits the decorator metadata Nest's dependency injection reads). Type checking is
// `npm run typecheck`'s job; this only transpiles, so it takes about a second. Every library
// under libs/ is included except the test harness, so a new library needs no change here.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';

const libs = readdirSync('libs', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'testing')
  .map((entry) => `libs/${entry.name}/src`);
const sources = ['apps/api/src', 'apps/worker/src', 'config/src', ...libs];

for (const dir of ['dist/apps/api', 'dist/apps/worker', 'dist/libs', 'dist/config']) {
  rmSync(dir, { recursive: true, force: true });
}
execFileSync('npx', ['swc', ...sources, '--out-dir', 'dist', '--ignore', '**/*.spec.ts', '--quiet'], {
  stdio: 'inherit',
});
