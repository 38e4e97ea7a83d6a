import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Notice, OutboxService } from '@kiezfonds/messaging';
import type { CapturedMail, UserRow } from '@kiezfonds/testing';
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
