import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Every workspace package folder: apps/*, libs/*, config. */
function workspaces(): string[] {
  const under = (dir: string) => readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}`);
  return [...under('apps'), ...under('libs'), 'config'];
}

describe('the workspace is consistent', () => {
  // `npm ci` on a fresh clone refuses a lockfile that lacks a workspace: a library added without
  // `npm install` passes locally and fails in CI.
  it('records every workspace package in package-lock.json', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(workspaces().filter((dir) => !(dir in lock.packages))).toEqual([]);
  });

  it('gives every library a path alias for TypeScript and for the SWC build', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8'));
    const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
    const libs = workspaces()
      .filter((dir) => dir.startsWith('libs/'))
      .map((dir) => `@kiezfonds/${dir.slice(5)}`);
    expect(libs.filter((name) => !tsconfig.compilerOptions.paths[name])).toEqual([]);
    expect(libs.filter((name) => !swcrc.jsc.paths[name])).toEqual([]);
  });
});
