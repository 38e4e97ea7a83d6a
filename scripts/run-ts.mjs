// Runs a TypeScript script of this repository (a benchmark, a one-off task) without a separate
// TypeScript runtime: the sources it may import are compiled into tmp/ts-run (see compile.mjs),
// then Node runs it.   node scripts/run-ts.mjs bench/notices-throughput.ts [args…]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { compile, librarySources } from './compile.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith('.ts')) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
const outDir = 'tmp/ts-run';
rmSync(outDir, { recursive: true, force: true });
compile(
  [
    'apps/api/src',
    'apps/worker/src',
    'config/src',
    'bench',
    'scripts',
    ...librarySources({ includeTesting: true }),
  ],
  outDir,
);
const script = `${outDir}/${entry.replace(/\.ts$/, '.js')}`;
const result = spawnSync(process.execPath, ['--enable-source-maps', script, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
