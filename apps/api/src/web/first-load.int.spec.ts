import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad } from './first-load';

// `npm test` builds the web app before Jest runs (package.json); the browser tests need it too.
const root = join(process.cwd(), 'dist', 'web');

describe('the first load of the web app (the build in dist/web)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'index.html')))
      throw new Error('dist/web is missing: run `npm run build:web` first');
  });

  it('splits pages into their own chunks: the first load stays within 120 kB of brotli-compressed JavaScript', () => {
    const load = measureFirstLoad(root);
    expect(load.scripts.length).toBeGreaterThan(0);
    expect(load.brotliBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('ships a brotli and a gzip variant of every script it loads first', () => {
    for (const script of measureFirstLoad(root).scripts) {
      expect(script).toEqual({
        path: script.path,
        bytes: script.bytes,
        brotliBytes: expect.any(Number),
        gzipBytes: expect.any(Number),
      });
      expect(script.brotliBytes!).toBeLessThan(script.bytes);
    }
  });
});
