/**
 * How many notices per second go from committed outbox rows through the relay, BullMQ on Redis,
 * template rendering and SMTP into a mailbox, on this machine. Uses a throw-away database, its own
 * Redis prefix and an in-process SMTP server; writes its figures to bench/results/.
 *
 *   npm run bench:notices            (NOTICES=5000 npm run bench:notices for another count)
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { loadConfig } from '@kiezfonds/config';
import { type Notice, OutboxService } from '@kiezfonds/messaging';
import { createDataSource, migrateDatabase, withAdminClient } from '@kiezfonds/persistence';
import { createTestRedis, SmtpSink } from '@kiezfonds/testing';
import { createWorker } from '../apps/worker/src/create-worker';

const COUNT = Number(process.env.NOTICES ?? 2_000);
const PER_TRANSACTION = 100;

async function main(): Promise<void> {
  const stamp = Date.now().toString(36);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/kf_bench_${stamp}`;
  const redis = createTestRedis();
  const prefix = redis.prefix;
  await migrateDatabase(databaseUrl);
  const smtp = await SmtpSink.start();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    SMTP_URL: smtp.url,
  });
  const worker = await createWorker(config);
  const outbox = worker.get(OutboxService);
  const dataSource = await createDataSource(databaseUrl).initialize();

  const notice = (n: number): Notice => ({
    kind: 'application_submitted',
    recipient: {
      userId: null,
      email: `traeger-${n}@bench.example`,
      name: `Träger:in ${n}`,
      locale: n % 5 ? 'de' : 'en',
    },
    data: {
      application: { title: `Projekt ${n}`, reference: `NWF-2027-${n}` },
      call: { title: 'Netzwerkfonds 2027' },
    },
    district: { name: 'Spandau', contactEmail: 'netzwerkfonds@spandau.example' },
    link: `/antraege/${n}`,
  });

  const started = process.hrtime.bigint();
  for (let first = 0; first < COUNT; first += PER_TRANSACTION) {
    await dataSource.transaction(async (tx) => {
      for (let n = first; n < Math.min(first + PER_TRANSACTION, COUNT); n++) {
        await outbox.addNotice(tx, `bench-${n}`, notice(n));
      }
    });
  }
  const committed = process.hrtime.bigint();
  await smtp.waitForMails(COUNT, 600_000);
  const finished = process.hrtime.bigint();

  const seconds = Number(finished - started) / 1e9;
  const duplicates = COUNT - new Set(smtp.mails.map((m) => m.deliveryKey)).size;
  const result = {
    benchmark: 'notices-throughput',
    date: new Date().toISOString(),
    notices: COUNT,
    secondsTotal: Number(seconds.toFixed(2)),
    secondsToCommit: Number((Number(committed - started) / 1e9).toFixed(2)),
    mailsPerSecond: Number((COUNT / seconds).toFixed(1)),
    duplicates,
    machine: { cpus: cpus().length, node: process.version },
    command: 'npm run bench:notices',
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/notices-throughput.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(result);

  await dataSource.destroy();
  await worker.close();
  await smtp.stop();
  await redis.cleanup();
  await withAdminClient(databaseUrl, (admin) =>
    admin.query(`DROP DATABASE IF EXISTS "kf_bench_${stamp}" WITH (FORCE)`),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
