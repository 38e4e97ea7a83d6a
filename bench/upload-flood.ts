/**
 * The API's memory during an upload flood: a coordinator's client keeps 40 uploads of 20 MB in
 * flight against the built API (a child process) until 120 have been answered, while the
 * resident set size of the API process is sampled every 50 ms. Uploads wait at a gate (two at
 * once, sixteen waiting, beyond that 429) and stream into PostgreSQL rather than into memory
 * (ADR 0010); the goal is a peak under 250 MB. Writes its figures to
 * bench/results/upload-flood.json.
 *
 *   npm run build:server && npm run bench:uploads
 */
import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashPassword } from '@kiezfonds/identity';
import { createDataSource, migrateDatabase } from '@kiezfonds/persistence';
import { SERVER_NODE_FLAGS } from '@kiezfonds/platform';
import { createTestRedis } from '@kiezfonds/testing';

const IN_FLIGHT = 40;
const TOTAL = 120;
const FILE_BYTES = 20 * 1024 * 1024;
const PORT = 3000 + Math.floor(Math.random() * 1000) + 4000;
const PASSWORD = 'bench-upload-passphrase-2027';

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function waitForReady(base: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the API did not start');
}

async function main(): Promise<void> {
  const main = 'dist/apps/api/src/main.js';
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build:server first`);
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

  const base = `http://127.0.0.1:${PORT}`;
  // Started as `npm start` and the Docker image start it, with the servers' Node flags.
  const api: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, main], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      APP_URL: base,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForReady(base);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@bench.example', password: PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const idle = rssMegabytes(api.pid!);

    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMegabytes(api.pid!));
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
    api.kill('SIGTERM');
    await db.destroy();
    await redis.cleanup();
  }
}

void main();
