import type { NestExpressApplication } from '@nestjs/platform-express';
import { BackendQueue, BackendQueueEvents, BackendWorker, QUEUES } from '@kiezfonds/platform';
import {
  createDistrict,
  createUser,
  setPassword,
  signIn,
  type TestDatabase,
  testQueueOptions,
} from '@kiezfonds/testing';
import { UnrecoverableError } from 'bullmq';
import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';

const PASSWORD = 'lange-sichere-passphrase-42';
const APP_URL = 'http://localhost:3000';

describe('the queue dashboard is for the installation’s admins only, hides notices and re-runs failed mails', () => {
  let api: TestApi;
  let db: TestDatabase;
  let app: NestExpressApplication;
  let admin: string;
  let coordinator: string;

  beforeAll(async () => {
    api = await startTestApi({ APP_URL });
    ({ db, app } = api);
    const district = await createDistrict(db.dataSource);
    for (const role of ['admin', 'coordinator'] as const) {
      const user = await createUser(db.dataSource);
      await setPassword(db.dataSource, user.id, PASSWORD);
      await db.dataSource.query(
        `INSERT INTO role_assignment (user_id, role, district_id) VALUES ($1, $2, $3)`,
        [user.id, role, district.id],
      );
      const session = await signIn(app.getHttpServer(), user.email, PASSWORD);
      if (role === 'admin') admin = session.cookie;
      else coordinator = session.cookie;
    }
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses anonymous callers and non-admins', async () => {
    await request(app.getHttpServer()).get('/api/admin/queues').expect(401);
    const res = await request(app.getHttpServer())
      .get('/api/admin/queues')
      .set('Cookie', coordinator)
      .expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('shows a failed mail to an admin, who can run it again', async () => {
    const queues = testQueueOptions(api.config);
    const queue = new BackendQueue(QUEUES.mail, queues);
    const events = new BackendQueueEvents(QUEUES.mail, queues);
    await events.waitUntilReady();
    const failing = new BackendWorker(
      QUEUES.mail,
      async () => {
        throw new UnrecoverableError('SMTP relay refused the recipient');
      },
      queues,
    );
    try {
      const job = await queue.add(
        'send-notice',
        {
          kind: 'password_reset',
          recipient: { userId: null, email: 'geheim@traeger.example', name: 'Gesa Geheim', locale: 'de' },
          deliveryKey: 'dashboard-case|geheim@traeger.example',
        },
        { attempts: 1 },
      );
      await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow('SMTP relay refused');
      await failing.close();

      const page = await request(app.getHttpServer())
        .get('/api/admin/queues')
        .set('Cookie', admin)
        .expect(200);
      expect(page.text).toContain('<html');
      const listed = await request(app.getHttpServer())
        .get('/api/admin/queues/api/queues?activeQueue=mail&status=failed&page=1')
        .set('Cookie', admin)
        .expect(200);
      const mail = (
        listed.body.queues as { name: string; jobs: { id: string; failedReason: string; data: unknown }[] }[]
      ).find((q) => q.name === QUEUES.mail);
      expect(mail?.jobs.map((j) => [j.id, j.failedReason, j.data])).toEqual([
        [job.id, 'SMTP relay refused the recipient', { kind: 'password_reset' }],
      ]);
      // Who a notice goes to stays in the queue: the dashboard shows every district's jobs.
      expect(listed.text).not.toContain('geheim@traeger.example');
      expect(listed.text).not.toContain('Gesa Geheim');

      await request(app.getHttpServer())
        .put(`/api/admin/queues/api/queues/mail/${job.id}/retry`)
        .set('Cookie', admin)
        .set('Origin', 'https://elsewhere.example')
        .expect(403);
      await request(app.getHttpServer())
        .put(`/api/admin/queues/api/queues/mail/${job.id}/retry`)
        .set('Cookie', admin)
        .set('Origin', APP_URL)
        .expect((res) => expect(res.status).toBeLessThan(300));
      expect(await (await queue.getJob(job.id!))!.getState()).toBe('waiting');
    } finally {
      await failing.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('is closed to an admin of one district once the installation serves another', async () => {
    const other = await createDistrict(db.dataSource);
    try {
      const res = await request(app.getHttpServer())
        .get('/api/admin/queues')
        .set('Cookie', admin)
        .expect(403);
      expect(res.body.code).toBe('forbidden');
    } finally {
      await db.dataSource.query(`DELETE FROM district WHERE id = $1`, [other.id]);
    }
  });
});
