import { APPLICATION_STATES, type ApplicationEventType, lifecyclePaths } from '@kiezfonds/domain';
import { type Actor, ApplicationWorld } from '../testing/application-world';
import {
  type CommitteeSetUp,
  createCommittee,
  decideInWriting,
  finalisePlan,
} from '../testing/committee-world';
import { startTestApi, type TestApi } from '../testing/test-api';

/** Who sends each event in the replay, and with which payload (docs/api/applications.md, "Events"). */
function command(
  world: ApplicationWorld,
  type: ApplicationEventType,
): { actor: Actor; body: Record<string, unknown> } {
  const coordinator = (body: Record<string, unknown> = {}) => ({
    actor: world.coordinator,
    body: { type, ...body },
  });
  const carrier = (body: Record<string, unknown> = {}) => ({ actor: world.carrier, body: { type, ...body } });
  switch (type) {
    case 'SUBMIT':
    case 'WITHDRAW':
    case 'START_IMPLEMENTATION':
      return carrier();
    case 'SUBMIT_FINAL_REPORT':
      return carrier({
        text: 'Zwölf Kochabende mit 280 Teilnehmenden; Befragung liegt bei.',
        actuals: [
          { cashYear: 2027, category: 'personnel', amountCents: '1000000' },
          { cashYear: 2028, category: 'material', amountCents: '4100000' },
        ],
      });
    case 'REQUEST_CHANGES':
      return coordinator({
        message: 'Bitte ergänzen Sie die Indikatoren.',
        replyDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    case 'RETURN_FINAL_REPORT':
      return coordinator({ message: 'Bitte Belege nachreichen.' });
    case 'RECORD_SENATE_SELECTION':
      return coordinator({ amountCents: '5000000' });
    case 'APPROVE':
      return coordinator({
        reportDeadlines: [
          { kind: 'interim', due: '2028-03-31' },
          { kind: 'final', due: '2029-06-30' },
        ],
        conditions: 'Öffentlichkeitsarbeit nennt die Förderung durch den Netzwerkfonds.',
      });
    case 'REJECT':
    case 'REVOKE':
      return coordinator({ reason: 'Die Fördervoraussetzungen liegen nicht vor.' });
    default:
      return coordinator();
  }
}

/**
 * Model-based tests (ARCHITECTURE.md): @xstate/graph generates the shortest event path to every
 * state of the lifecycle machine, and each path is replayed through the real HTTP API with the
 * role that sends each event, on a fresh application in a call of its own. What the machine says
 * is reachable must be reachable for real, every step accepted.
 *
 * The decision chain is replayed as the rules demand it: before SELECT or WAITLIST the committee
 * adopts the application in a written vote; SELECT is then sent by finalising the call's programme
 * plan (so the application is on the list the district sends, which the Senate's selection needs),
 * WAITLIST by the coordinator citing the decision.
 */
describe('the application lifecycle, replayed through the HTTP API along generated paths', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  const paths = lifecyclePaths();

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 1 });
  });

  /** Sends one event of a path; SELECT and WAITLIST on a decision the committee takes first. */
  async function replay(callId: string, id: string, type: ApplicationEventType) {
    if (type === 'SELECT' || type === 'WAITLIST') await decideInWriting(world, ag, id);
    if (type === 'SELECT') {
      const plan = await finalisePlan(world, callId);
      const item = plan.items.find((i) => i.applicationId === id);
      return { status: item?.state === 'selected' ? 200 : 409, body: plan };
    }
    const { actor, body } = command(world, type);
    return world.event(actor, id, body);
  }

  afterAll(async () => {
    await api.close();
  });

  it('has a generated path to every state', () => {
    expect(new Set(paths.map((p) => p.target))).toEqual(new Set(APPLICATION_STATES));
  });

  it.each(paths.map((p) => [p.target, p.events.join(' → ') || '(start)', p] as const))(
    'reaches %s via %s',
    async (target, _label, path) => {
      const callId = (await world.openCall()).id;
      const { id } = await world.draft(callId);
      for (const [index, type] of path.events.entries()) {
        const res = await replay(callId, id, type);
        expect({ step: index, type, status: res.status, body: res.body }).toMatchObject({
          step: index,
          type,
          status: 200,
        });
      }
      const detail = await world.get(world.carrier, `/api/applications/${id}`);
      expect(detail.body.state).toBe(target);
    },
  );
});
