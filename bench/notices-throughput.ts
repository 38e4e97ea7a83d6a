/**
 * How many notices per second go from committed outbox rows through the relay, BullMQ on Redis,
 * template rendering and SMTP into a mailbox, on this machine, against its anchor in the same run
 * and back to back: nodemailer's pooled transport with the Mailer's settings (pool of 5) sending
 * the same number of mails with the same rendered subject, text and HTML to the same SMTP sink
 * (issue 18: notices ≥ 0.7 of the raw transport, without giving up exactly-once). Uses a
 * throw-away database, its own Redis prefix and an in-process SMTP server; writes its figures to
 * bench/results/notices-throughput.json. Part of `npm run bench` (BENCH_ONLY=notices for it alone).
 *
 *   npm run bench:notices            (NOTICES=5000 npm run bench:notices for another count)
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { messageIdFor, type Notice, OutboxService } from '@kiezfonds/messaging';
import { createDataSource, migrateDatabase, withAdminClient } from '@kiezfonds/persistence';
import { createTestRedis, SmtpSink, testConfig } from '@kiezfonds/testing';
import { createTransport } from 'nodemailer';
import { createWorker } from '../apps/worker/src/create-worker';
import { type Figure, round, startedAs } from './figure';

const COUNT = Number(process.env.NOTICES ?? 2_000);
const PER_TRANSACTION = 100;

export async function noticesFigure(): Promise<Figure> {
  const stamp = Date.now().toString(36);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/kf_bench_${stamp}`;
  const redis = createTestRedis();
  const prefix = redis.prefix;
  await migrateDatabase(databaseUrl);
  const smtp = await SmtpSink.start();
  const config = testConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    SMTP_URL: smtp.url,
    ...(process.env.MAIL_CONCURRENCY ? { MAIL_CONCURRENCY: process.env.MAIL_CONCURRENCY } : {}),
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

  let workerClosed = false;
  try {
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
    await worker.close();
    workerClosed = true;

    // The anchor: the same mails as rendered above, straight through the Mailer's pooled transport.
    const rendered = smtp.mails.slice(0, COUNT);
    const transport = createTransport({
      pool: true,
      maxConnections: 5,
      host: '127.0.0.1',
      port: Number(new URL(smtp.url).port),
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    const rawStarted = process.hrtime.bigint();
    await Promise.all(
      rendered.map((mail, n) =>
        transport.sendMail({
          from: config.MAIL_FROM,
          messageId: messageIdFor(`raw-${n}`, config.MAIL_FROM),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'X-Kiezfonds-Delivery-Key': `raw-${n}`, 'Content-Language': n % 5 ? 'de' : 'en' },
        }),
      ),
    );
    await smtp.waitForMails(2 * COUNT, 600_000);
    const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;
    transport.close();

    const mailsPerSecond = round(COUNT / seconds, 1);
    const rawPerSecond = round(COUNT / rawSeconds, 1);
    const ratio = round(mailsPerSecond / rawPerSecond);
    return {
      name: 'notices-throughput',
      figure: `${COUNT.toLocaleString('de-DE')} notices, outbox → BullMQ → SMTP sink (mails/s)`,
      project: {
        requestsPerSecond: mailsPerSecond,
        detail: {
          notices: COUNT,
          secondsTotal: round(seconds),
          secondsToCommit: round(Number(committed - started) / 1e9),
          duplicates,
        },
      },
      anchor: {
        what: 'nodemailer pool (5 connections), same mails, same sink',
        requestsPerSecond: rawPerSecond,
        detail: { mails: COUNT, seconds: round(rawSeconds) },
      },
      ratio,
      target: '≥ 0.7 of the raw transport, no duplicates',
      met: ratio >= 0.7 && duplicates === 0,
      shown: {
        project: `${mailsPerSecond} mails/s (duplicates ${duplicates})`,
        anchor: `${rawPerSecond} mails/s`,
      },
      loadAverage: loadavg().map((l) => round(l)),
    };
  } finally {
    await dataSource.destroy();
    if (!workerClosed) await worker.close();
    await smtp.stop();
    await redis.cleanup();
    await withAdminClient(databaseUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "kf_bench_${stamp}" WITH (FORCE)`),
    );
  }
}

if (startedAs('notices-throughput')) {
  noticesFigure()
    .then((figure) => {
      const result = {
        ...figure,
        machine: { cpus: cpus().length, node: process.version, date: new Date().toISOString() },
        command: 'npm run bench:notices',
      };
      mkdirSync('bench/results', { recursive: true });
      writeFileSync('bench/results/notices-throughput.json', `${JSON.stringify(result, null, 2)}\n`);
      console.log(result);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
