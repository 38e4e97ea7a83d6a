/**
 * What a first-time visitor downloads before the first page shows: the JavaScript index.html loads
 * or preloads, raw and as sent with brotli and gzip (pre-compressed at build), against the budget
 * of 120 kB brotli (issue 18). Needs a build (`npm run build:web`). Writes bench/results/.
 *
 *   npm run bench:web
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad } from '../apps/api/src/web/first-load';

const load = measureFirstLoad(join(process.cwd(), 'dist', 'web'));
const kB = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const result = {
  benchmark: 'web-first-load',
  date: new Date().toISOString(),
  scripts: load.scripts.length,
  rawKiB: kB(load.bytes),
  brotliKiB: kB(load.brotliBytes),
  gzipKiB: kB(load.gzipBytes),
  budgetBrotliKiB: kB(FIRST_LOAD_BUDGET_BYTES),
  ratioToBudget: Math.round((load.brotliBytes / FIRST_LOAD_BUDGET_BYTES) * 100) / 100,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/web-first-load.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(result);
