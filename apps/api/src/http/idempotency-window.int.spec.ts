import { RETENTION } from '@kiezfonds/domain';
import { createApplication } from '@kiezfonds/testing';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';

const WINDOW_HOURS = RETENTION.idempotencyKeyHours;

/**
 * An `Idempotency-Key` is honoured for a documented window (docs/api/applications.md): long
 * enough for a client's retries across an outage, not forever, since the stored answer quotes
 * personal data. After it, the key is a new request even before the retention sweep has run.
 */
describe('an Idempotency-Key is honoured for its window and no longer', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    callId = (await world.openCall()).id;
  });

  afterAll(async () => {
    await api.close();
  });

  async function running() {
    return createApplication(api.db.dataSource, {
      callId,
      organisationId: world.organisation.id,
      state: 'in_implementation',
    });
  }

  const report = (applicationId: string, key: string, text: string) =>
    world
      .post(world.carrier, `/api/applications/${applicationId}/reports`)
      .set('Idempotency-Key', key)
      .send({ kind: 'interim', text });

  /** Moves the stored answer back in time instead of waiting for it to age. */
  const storedAgo = (key: string, hours: number, minutes: number) =>
    api.db.dataSource.query(
      `UPDATE idempotency_key SET created_at = now() - make_interval(hours => $2, mins => $3) WHERE key = $1`,
      [key, hours, minutes],
    );

  const reportIds = async (applicationId: string) =>
    (await world.get(world.carrier, `/api/applications/${applicationId}/reports`).expect(200)).body.items.map(
      (r: { id: string }) => r.id,
    );

  it('answers the first answer again to a retry just inside the window', async () => {
    const application = await running();
    const key = `inside-${application.id}`;
    const first = await report(application.id, key, 'Zwischenbericht: die Kochkurse laufen.').expect(201);
    await storedAgo(key, WINDOW_HOURS - 1, 59);

    const retry = await report(application.id, key, 'Zwischenbericht: die Kochkurse laufen.').expect(201);
    expect(retry.body).toEqual(first.body);
    const reused = await report(application.id, key, 'Ein anderer Bericht.').expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await reportIds(application.id)).toEqual([first.body.id]);
  });

  it('treats the same key after the window as a new request, not as the old stored answer', async () => {
    const application = await running();
    const key = `after-${application.id}`;
    const first = await report(application.id, key, 'Zwischenbericht: die Kochkurse laufen.').expect(201);
    await storedAgo(key, WINDOW_HOURS, 1);

    const later = await report(application.id, key, 'Zwischenbericht: die Kochkurse laufen.').expect(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect((await reportIds(application.id)).sort()).toEqual([first.body.id, later.body.id].sort());

    // The key now answers the new request for a full window of its own.
    const retry = await report(application.id, key, 'Zwischenbericht: die Kochkurse laufen.').expect(201);
    expect(retry.body).toEqual(later.body);
    const [row] = (await api.db.dataSource.query(
      `SELECT response->>'id' AS id, created_at > now() - interval '1 minute' AS fresh
         FROM idempotency_key WHERE key = $1`,
      [key],
    )) as { id: string; fresh: boolean }[];
    expect(row).toEqual({ id: later.body.id, fresh: true });
  });

  it('lets an expired key carry another body without calling it reused', async () => {
    const application = await running();
    const key = `other-${application.id}`;
    await report(application.id, key, 'Erster Bericht.').expect(201);
    await storedAgo(key, WINDOW_HOURS + 3, 0);

    const other = await report(application.id, key, 'Zweiter Bericht, ein Jahr später.').expect(201);
    expect(await reportIds(application.id)).toHaveLength(2);
    expect(await reportIds(application.id)).toContain(other.body.id);
  });

  it('lets a refusal stand when the key was last used outside the window', async () => {
    const application = await running();
    const key = `refused-${application.id}`;
    await report(application.id, key, 'Erster Bericht.').expect(201);
    await storedAgo(key, WINDOW_HOURS + 1, 0);
    await api.db.dataSource.query(`UPDATE application SET state = 'completed' WHERE id = $1`, [
      application.id,
    ]);

    // The command's own refusal is the answer, not the stored answer of a year ago.
    const refused = await report(application.id, key, 'Erster Bericht.').expect(409);
    expect(refused.body.code).toBe('report_not_allowed');
  });
});
