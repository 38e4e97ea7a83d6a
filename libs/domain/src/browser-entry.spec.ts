import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/*
 * The web bundle loads libs/domain through browser.ts. Everything that file reaches must be pure
 * TypeScript of this library: one runtime import of zod, xstate or a Node module would put it
 * into the browser's first load (or break it). Type-only imports vanish when compiled.
 */
const ENTRY = join(__dirname, 'browser.ts');
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function resolvedModules(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const tryFile = (file: string) => {
    try {
      readFileSync(file);
      return file;
    } catch {
      return join(file.replace(/\.ts$/, ''), 'index.ts');
    }
  };
  const walk = (file: string) => {
    if (seen.has(file)) return;
    const external: string[] = [];
    seen.set(file, external);
    for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (typeOnly) continue;
      if (specifier!.startsWith('.')) walk(tryFile(`${resolve(dirname(file), specifier!)}.ts`));
      else external.push(specifier!);
    }
  };
  walk(ENTRY);
  return seen;
}

describe("the domain's browser entry", () => {
  it('reaches no package and no Node module at run time', () => {
    const modules = resolvedModules();
    const external = [...modules].flatMap(([file, specifiers]) =>
      specifiers.map((specifier) => `${file.slice(__dirname.length + 1)} imports ${specifier}`),
    );
    expect(external).toEqual([]);
    // The walk really followed the entry's exports (money, plan sums, lifecycle vocabulary).
    expect([...modules.keys()].map((file) => file.slice(__dirname.length + 1))).toEqual(
      expect.arrayContaining([
        'money/index.ts',
        'money/money.ts',
        'applications/plan-balance.ts',
        'applications/lifecycle-vocabulary.ts',
      ]),
    );
  });

  it('would notice a runtime import of a package', () => {
    const line = "import { z } from 'zod';";
    expect([...line.matchAll(IMPORT)].map((match) => match[2])).toEqual(['zod']);
    expect([..."import type { X } from 'zod';".matchAll(IMPORT)].map((match) => match[1])).toEqual(['type ']);
  });
});
