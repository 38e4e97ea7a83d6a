import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Notice, OutboxService } from '@kiezfonds/messaging';
import { type CapturedMail, testServices, type UserRow } from '@kiezfonds/testing';
import type { DataSource } from 'typeorm';

export const ROOT = join(__dirname, '..', '..');
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Tally {
  scenario: string;
  expected: number;
  delivered: number;
  lost: number;
  /** Extra copies beyond the first, summed over keys. */
  duplicated: number;
  /** Extra copies whose Message-ID differs from the first copy's: receivers could not drop them. */
  duplicatedWithOtherMessageId: number;
  seconds: number;
}

/** Counts the mails per delivery key against the keys that were expected. */
export function tally(
  scenario: string,
  mails: CapturedMail[],
  expectedKeys: string[],
  started: number,
): Tally {
  const byKey = new Map<string, CapturedMail[]>();
  for (const mail of mails) {
    const key = mail.deliveryKey ?? '';
    byKey.set(key, [...(byKey.get(key) ?? []), mail]);
  }
  let lost = 0;
  let duplicated = 0;
  let duplicatedWithOtherMessageId = 0;
  for (const key of expectedKeys) {
    const copies = byKey.get(key) ?? [];
    if (copies.length === 0) lost += 1;
    duplicated += Math.max(copies.length - 1, 0);
    duplicatedWithOtherMessageId += copies
      .slice(1)
      .filter((m) => m.messageId !== copies[0]!.messageId).length;
  }
  const expected = new Set(expectedKeys);
  const delivered = [...byKey.keys()].filter((key) => expected.has(key)).length;
  return {
    scenario,
    expected: expectedKeys.length,
    delivered,
    lost,
    duplicated,
    duplicatedWithOtherMessageId,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/** Each scenario's figures, on the console and in tmp/fault-report.jsonl for the run's record. */
export function report(result: Tally): void {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  appendFileSync(
    join(ROOT, 'tmp', 'fault-report.jsonl'),
    `${JSON.stringify({ at: new Date().toISOString(), ...result })}\n`,
  );
  process.stdout.write(
    `[faults] ${result.scenario}: expected ${result.expected}, delivered ${result.delivered}, lost ${result.lost}, ` +
      `duplicated ${result.duplicated} (with another Message-ID: ${result.duplicatedWithOtherMessageId}), ${result.seconds} s\n`,
  );
}

/** The notice every scenario sends: a submission confirmation to one carrier. */
export function submittedNotice(carrier: UserRow, title: string): Notice {
  return {
    kind: 'application_submitted',
    recipient: { userId: carrier.id, email: carrier.email, name: carrier.displayName, locale: 'de' },
    data: { application: { title, reference: 'NWF-2027-099' }, call: { title: 'Netzwerkfonds 2027' } },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: '/antraege/99',
  };
}

/** Commits `count` notices (in commands of 50) and returns their delivery keys. */
export async function queueNotices(
  db: DataSource,
  carrier: UserRow,
  prefix: string,
  count: number,
): Promise<string[]> {
  const outbox = new OutboxService();
  const keys: string[] = [];
  for (let start = 0; start < count; start += 50) {
    await db.transaction(async (tx) => {
      for (let n = start; n < Math.min(start + 50, count); n++) {
        await outbox.addNotice(tx, `${prefix}-${n}`, submittedNotice(carrier, `${prefix} ${n}`));
        keys.push(`${prefix}-${n}|${carrier.email}`);
      }
    });
  }
  return keys;
}

/** How many of these keys have arrived at least once. */
export function arrived(mails: CapturedMail[], keys: string[]): number {
  const wanted = new Set(keys);
  return new Set(mails.map((m) => m.deliveryKey).filter((key) => key && wanted.has(key))).size;
}

/**
 * The API and the worker as they run in production, compiled from the sources into a folder of
 * this scenario's own (a second or two with SWC), so that a scenario can SIGKILL them.
 */
export function buildApps(name: string): string {
  const outDir = `tmp/faults-dist-${name}`;
  const script =
    "import { compile, librarySources } from './scripts/compile.mjs';" +
    `compile(['apps/api/src', 'apps/worker/src', 'config/src', ...librarySources()], '${outDir}');`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  if (result.status !== 0) throw new Error(`building the apps failed: ${result.stderr.toString()}`);
  return join(ROOT, outDir);
}

export interface AppProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves once the process printed `line` (its start-up message). */
  printed(line: string, timeoutMs?: number): Promise<void>;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, and wait until it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `dist/apps/<app>/src/main.js` of a build as a child process with these settings, its queues
 * on the run's backend unless `env` names QUEUE_BACKEND (a REDIS_URL alone would mean Redis).
 */
export function startApp(distDir: string, app: 'api' | 'worker', env: Record<string, string>): AppProcess {
  let output = '';
  const child = spawn(process.execPath, [join(distDir, 'apps', app, 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      QUEUE_BACKEND: testServices().queueBackend,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  const printed = async (line: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes(line)) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`${app} did not print "${line}":\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    child,
    output: () => output,
    printed,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
