import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import { createCommittee, selectedApplications } from '../testing/committee-world';

/** DOMAIN.md fund table and steps 1–2, 10: what the Netzwerkfonds funds at all. */
describe('eligibility for the Netzwerkfonds', () => {
  let api: TestApi;
  let world: ApplicationWorld;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  /** A funded project of the carrier from earlier years, as the record of a past approval. */
  async function earlierProject(callId: string, periodStart: string, periodEnd: string): Promise<string> {
    const { id } = await world.draft(callId, world.completeContent({ periodStart, periodEnd }));
    await api.db.dataSource.query(`UPDATE application SET approved_at = $2 WHERE id = $1`, [
      id,
      `${periodStart}T09:00:00Z`,
    ]);
    return id;
  }

  it('refuses an application of 40 000 € in a call whose minimum is 50 000 €, naming the rule', async () => {
    const call = await world.openCall({ minAmountCents: '5000000' });
    const { id } = await world.draft(
      call.id,
      world.completeContent({
        costPlan: [
          { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '4400000' },
        ],
        financingPlan: [
          { cashYear: 2027, requestedCents: '4000000', ownCents: '400000', thirdPartyCents: '0' },
        ],
      }),
    );
    const refused = await world
      .event(world.carrier, id, { type: 'SUBMIT' })
      .set('Accept-Language', 'de')
      .expect(422);
    expect(refused.body.code).toBe('amount_below_call_minimum');
    expect((refused.body.message as string).replace(/\u00a0/g, ' ')).toBe(
      'Der beantragte Betrag von 40.000,00 € liegt unter dem Mindestbetrag des Aufrufs von 50.000,00 €. Der Netzwerkfonds fördert Projekte ab 50.000,00 €.',
    );
    const detail = await world.get(world.carrier, `/api/applications/${id}`).expect(200);
    expect(detail.body.state).toBe('draft');
  });

  it('refuses a sixth consecutive year of the same purpose and shows the chain of predecessors', async () => {
    const call = await world.openCall();
    const first = await earlierProject(call.id, '2023-01-01', '2024-12-31');
    const second = await world.draft(
      call.id,
      world.completeContent({ periodStart: '2025-01-01', periodEnd: '2026-12-31', predecessorId: first }),
    );
    await api.db.dataSource.query(`UPDATE application SET approved_at = now() WHERE id = $1`, [second.id]);

    // 2023–2026 funded, this one runs 2027–2028: six years in a row.
    const { id } = await world.draft(call.id, world.completeContent({ predecessorId: second.id }));
    const detail = await world.get(world.carrier, `/api/applications/${id}`).expect(200);
    expect(detail.body.formalCheck).toMatchObject({
      predecessors: [
        { id: second.id, periodStart: '2025-01-01', periodEnd: '2026-12-31', funded: true },
        { id: first, periodStart: '2023-01-01', periodEnd: '2024-12-31', funded: true },
      ],
      consecutiveYears: [2023, 2024, 2025, 2026, 2027, 2028],
      consecutiveYearsLimit: 5,
    });
    const refused = await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(422);
    expect(refused.body.code).toBe('five_year_limit_exceeded');
    expect(refused.body.message).toBe(
      'Derselbe Zweck darf höchstens 5 Jahre in Folge gefördert werden; mit diesem Antrag wären es 6 Jahre (2023–2028).',
    );

    // Continuing only the 2025–2026 project: five years, allowed.
    const fifth = await world.draft(call.id, world.completeContent({ predecessorId: second.id }));
    await api.db.dataSource.query(`UPDATE application SET approved_at = NULL WHERE id = $1`, [first]);
    await world.event(world.carrier, fifth.id, { type: 'SUBMIT' }).expect(200);
    const submitted = await world.get(world.coordinator, `/api/applications/${fifth.id}`).expect(200);
    expect(submitted.body.formalCheck.consecutiveYears).toEqual([2025, 2026, 2027, 2028]);
  });

  it('checks the full application written after the selection again before the grant notice', async () => {
    const [id] = await selectedApplications(world, await createCommittee(world, { votingMembers: 1 }), 1);
    const approve = () =>
      world.event(world.coordinator, id!, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      });
    const save = async (content: Record<string, unknown>) => {
      const { version } = (await world.get(world.carrier, `/api/applications/${id}`).expect(200)).body as {
        version: number;
      };
      return world
        .put(world.carrier, `/api/applications/${id}/content`)
        .send({ version, content })
        .expect(200);
    };
    // In `selected` the carrier writes the full application: an area outside the call …
    await save(world.completeContent({ areaIds: ['00000000-0000-4000-8000-000000000001'] }));
    expect((await approve().expect(422)).body.code).toBe('application_incomplete');
    // … or a period of nine years.
    await save(world.completeContent({ periodEnd: '2035-12-31' }));
    expect((await approve().expect(422)).body.code).toBe('five_year_limit_exceeded');
    expect(
      await api.db.dataSource.query(`SELECT count(*)::int AS n FROM grant_notice WHERE application_id = $1`, [
        id,
      ]),
    ).toEqual([{ n: 0 }]);

    await save(world.completeContent());
    expect((await approve().expect(200)).body.state).toBe('approved');
  });

  it('does not accept another organisation’s project as a predecessor', async () => {
    const call = await world.openCall();
    const other = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Lichtenberg' });
    const otherCall = await other.openCall();
    const foreign = await other.draft(otherCall.id);
    // Refused when saved (issue 21: the predecessor is chosen from the carrier's own projects).
    const { id } = await world.draft(call.id, null);
    const refused = await world
      .put(world.carrier, `/api/applications/${id}/content`)
      .send({ version: 1, content: world.completeContent({ predecessorId: foreign.id }) })
      .expect(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'predecessorId', rule: 'predecessor_not_found' }),
    ]);
    const detail = await world.get(world.carrier, `/api/applications/${id}`).expect(200);
    expect(detail.body.content.predecessorId).toBeUndefined();
    expect(detail.body.formalCheck.predecessors).toEqual([]);
  }, 60_000);

  it('warns in the formal check when the project names one area only', async () => {
    const call = await world.openCall();
    const { id } = await world.draft(call.id, world.completeContent({ areaIds: [world.areaIds[0]] }));
    await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(200);
    const detail = await world.get(world.coordinator, `/api/applications/${id}`).expect(200);
    expect(detail.body.formalCheck.warnings).toEqual([{ field: 'areaIds', rule: 'single_area' }]);
  });

  it('refuses cash years beyond two years after the programme year', async () => {
    const call = await world.openCall();
    const { id } = await world.draft(
      call.id,
      world.completeContent({
        periodEnd: '2030-06-30',
        costPlan: [
          { cashYear: 2027, category: 'personnel', description: 'Projektleitung', amountCents: '1000000' },
          { cashYear: 2030, category: 'material', description: 'Material', amountCents: '4100000' },
        ],
        financingPlan: [
          { cashYear: 2027, requestedCents: '900000', ownCents: '100000', thirdPartyCents: '0' },
          { cashYear: 2030, requestedCents: '4100000', ownCents: '0', thirdPartyCents: '0' },
        ],
      }),
    );
    const refused = await world.event(world.carrier, id, { type: 'SUBMIT' }).expect(422);
    expect(refused.body.code).toBe('application_incomplete');
    expect(refused.body.details).toContainEqual(
      expect.objectContaining({ field: 'costPlan[1].cashYear', rule: 'cash_year_outside_programme' }),
    );
  });
});
