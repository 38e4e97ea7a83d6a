import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a browser downloads before the first page shows: the scripts index.html loads or preloads. */
export interface FirstLoad {
  scripts: { path: string; bytes: number; brotliBytes: number | null; gzipBytes: number | null }[];
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/** The budget for the first load's JavaScript as sent with brotli (issue 18). */
export const FIRST_LOAD_BUDGET_BYTES = 120 * 1024;

function size(path: string): number | null {
  return existsSync(path) ? statSync(path).size : null;
}

/** Measures the built web app in `root` (dist/web) from its index.html and the pre-compressed files beside it. */
export function measureFirstLoad(root: string): FirstLoad {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const paths = [
    ...html.matchAll(
      /<script[^>]+src="\/([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g,
    ),
  ].map((match) => (match[1] ?? match[2])!);
  const scripts = paths.map((path) => ({
    path,
    bytes: statSync(join(root, path)).size,
    brotliBytes: size(join(root, `${path}.br`)),
    gzipBytes: size(join(root, `${path}.gz`)),
  }));
  const sum = (pick: (s: FirstLoad['scripts'][number]) => number | null) =>
    scripts.reduce((total, script) => total + (pick(script) ?? script.bytes), 0);
  return {
    scripts,
    bytes: sum((s) => s.bytes),
    brotliBytes: sum((s) => s.brotliBytes),
    gzipBytes: sum((s) => s.gzipBytes),
  };
}
