import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Lints `source` as if it were the file at `path`, with the workspace's real ESLint configuration. */
function lint(path: string, source: string, rules = ['@nx/enforce-module-boundaries']): string[] {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      path,
      '--format',
      'json',
    ],
    { cwd: ROOT, input: source, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return report!.messages.filter((m) => rules.includes(m.ruleId)).map((m) => m.message);
}

describe('module boundaries are enforced by lint, not by convention', () => {
  // The Nx lint rule silently does nothing without a computed project graph (a fresh clone).
  beforeAll(() => {
    const graph = spawnSync(join(ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    expect(graph.stdout).toContain('domain');
  });

  it('keep frameworks out of the domain library', () => {
    const errors = lint(
      'libs/domain/src/probe.ts',
      "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
    );
    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  });

  it('keep TypeORM out of the domain library', () => {
    const errors = lint(
      'libs/domain/src/probe.ts',
      "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('forbid the domain to depend on persistence', () => {
    const errors = lint(
      'libs/domain/src/probe.ts',
      "import { migrations } from '@kiezfonds/persistence';\nexport const x = migrations;\n",
    );
    expect(errors.join('\n')).toContain('type:domain');
  });

  it('keep the test harness out of production code', () => {
    const errors = lint(
      'apps/api/src/probe.ts',
      "import { SmtpSink } from '@kiezfonds/testing';\nexport const x = SmtpSink;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('forbid libraries to import apps', () => {
    const rules = ['@nx/enforce-module-boundaries', 'no-restricted-imports'];
    const source = (from: string) => `import { ApiModule } from '${from}';\nexport const x = ApiModule;\n`;
    expect(
      lint('libs/platform/src/probe.ts', source('../../../apps/api/src/app.module'), rules),
    ).toHaveLength(1);
    expect(lint('libs/platform/src/probe.ts', source('@kiezfonds/api'), rules)).toHaveLength(1);
  });

  it('allow an app to use the domain', () => {
    const errors = lint(
      'apps/api/src/probe.ts',
      "import { NotFoundError } from '@kiezfonds/domain';\nexport const x = NotFoundError;\n",
    );
    expect(errors).toEqual([]);
  });
});
