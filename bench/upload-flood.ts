/**
 * The API's memory during an upload flood: a coordinator's client keeps 40 uploads of 20 MB in
 * flight against the API (a child process, compiled by this run) until 120 have been answered, while the
 * resident set size of the API process is sampled every 50 ms. Uploads wait at a gate (two at
 * once, sixteen waiting, beyond that 429) and stream into PostgreSQL rather than into memory
 * (ADR 0010); the goal is a peak under 250 MB. Writes its figures to
 * bench/results/upload-flood.json.
 *
 *   npm run bench:uploads
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hashPassword } from '@kiezfonds/identity';
import { createDataSource, migrateDatabase } from '@kiezfonds/persistence';
import { createTestRedis } from '@kiezfonds/testing';
import { signInOverHttp, startApiProcess } from './api-process';

const IN_FLIGHT = 40;
const TOTAL = 120;
const FILE_BYTES = 20 * 1024 * 1024;
const PASSWORD = 'bench-upload-passphrase-2027';

async function main(): Promise<void> {
  const stamp = Date.now().toString(36);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/kf_bench_${stamp}`;
  const redis = createTestRedis();
  await migrateDatabase(databaseUrl);
  const db = await createDataSource(databaseUrl).initialize();
  const [district] = await db.query(
    `INSERT INTO district (slug, name) VALUES ('bench', 'Bench') RETURNING id`,
  );
  const [user] = await db.query(
    `INSERT INTO app_user (email, display_name, password_hash) VALUES ('bench@bench.example', 'Bench', $1) RETURNING id`,
    [await hashPassword(PASSWORD)],
  );
  await db.query(`INSERT INTO role_assignment (user_id, role, district_id) VALUES ($1, 'coordinator', $2)`, [
    user.id,
    district.id,
  ]);
  const [call] = await db.query(
    `INSERT INTO call (district_id, fund_kind, programme_year, title, status, expected_budget_cents, submission_deadline)
     VALUES ($1, 'netzwerkfonds', 2027, 'Bench', 'draft', 100, now() + interval '30 days') RETURNING id`,
    [district.id],
  );

  // Started as `npm start` and the Docker image start it, with the servers' Node flags.
  const api = await startApiProcess({ databaseUrl, redisUrl: redis.url, queuePrefix: redis.prefix });
  const base = api.base;
  try {
    const { cookie, csrfToken } = await signInOverHttp(base, 'bench@bench.example', PASSWORD);
    const idle = api.rssMegabytes();

    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, api.rssMegabytes());
    }, 50);
    const content = Buffer.alloc(FILE_BYTES, 0x20);
    content.write('%PDF-1.7\n');
    const statuses: Record<string, number> = {};
    let started = 0;
    const began = Date.now();
    const upload = async (): Promise<void> => {
      while (started < TOTAL) {
        started++;
        const form = new FormData();
        form.set('title', `Flut ${started}`);
        form.set('file', new Blob([content], { type: 'application/pdf' }), `flut-${started}.pdf`);
        // A refused upload (429) is answered before its body is read, and the server may close the
        // connection while the client still sends: that is a refusal too, counted apart.
        const status = await fetch(`${base}/api/calls/${call.id}/documents`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken },
          body: form,
        }).then(
          async (res) => {
            await res.arrayBuffer();
            return String(res.status);
          },
          () => 'connection closed while sending',
        );
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, upload));
    clearInterval(sampler);
    const result = {
      measuredAt: new Date().toISOString(),
      uploads: TOTAL,
      inFlight: IN_FLIGHT,
      fileMegabytes: FILE_BYTES / 1024 / 1024,
      seconds: Math.round((Date.now() - began) / 100) / 10,
      statuses,
      rssIdleMegabytes: idle,
      rssPeakMegabytes: peak,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/upload-flood.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(result);
  } finally {
    await api.close();
    await db.destroy();
    await redis.cleanup();
  }
}

void main();
