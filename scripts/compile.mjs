// Transpiles TypeScript sources with SWC (which, unlike esbuild, emits the decorator metadata
// Nest's dependency injection reads) into `outDir`, keeping the layout. SWC copies only what it
// compiles, so the libraries' Handlebars templates (*.hbs) are copied beside the compiled code
// afterwards: the renderer finds them relative to its own file. Type checking is
// `npm run typecheck`'s job; this takes about a second.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every library's src/ folder; the test harness only when asked for. */
export function librarySources({ includeTesting = false } = {}) {
  return readdirSync('libs', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && (includeTesting || entry.name !== 'testing'))
    .map((entry) => `libs/${entry.name}/src`);
}

export function compile(sources, outDir) {
  execFileSync(
    'npx',
    [
      'swc',
      ...sources,
      '--out-dir',
      outDir,
      '--ignore',
      '**/*.spec.ts',
      '--ignore',
      'apps/*/src/testing/**',
      '--quiet',
    ],
    {
      stdio: 'inherit',
    },
  );
  for (const dir of sources) {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))) {
      const source = join(file.parentPath, file.name);
      const target = join(outDir, source);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target);
    }
  }
}
