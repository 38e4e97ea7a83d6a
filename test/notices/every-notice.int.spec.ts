import { type Locale, NOTICE_KINDS, type NoticeKind, toUnconfirmedAddress } from '@kiezfonds/domain';
import { NoticeRenderer, type ReminderSweep } from '@kiezfonds/messaging';
import { ApplicationWorld } from '../../apps/api/src/testing/application-world';
import { type CommitteeSetUp, createCommittee } from '../../apps/api/src/testing/committee-world';
import { startTestApi, type TestApi } from '../../apps/api/src/testing/test-api';
import { reminderSweep, triggerEveryNotice } from './notice-triggers';

interface QueuedNotice {
  kind: NoticeKind;
  recipient: { name: string; locale: Locale };
  district?: { name: string };
  data: Record<string, unknown>;
  link?: string;
}

/**
 * Issue 15, deliverable 7: every notice of the catalogue renders, in German and in English, from
 * the payload its real trigger writes into the outbox: the commands of the API and the reminder
 * sweep, driven here as the people and the worker would. A template that needs a field its
 * trigger does not carry fails this test, and so does a notice kind that nothing sends.
 */
describe('every notice, from the payload its trigger produces', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;
  let sweep: ReminderSweep;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 3 });
    sweep = reminderSweep(api.db.dataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  it('renders each kind in German and English, with a subject, an HTML and a text body', async () => {
    await triggerEveryNotice(world, ag, sweep);

    const rows = (await world.db.query(`SELECT payload FROM outbox ORDER BY created_at`)) as {
      payload: QueuedNotice;
    }[];
    const byKind = new Map<NoticeKind, QueuedNotice[]>();
    for (const { payload } of rows) byKind.set(payload.kind, [...(byKind.get(payload.kind) ?? []), payload]);
    expect(NOTICE_KINDS.filter((kind) => !byKind.has(kind))).toEqual([]);

    const renderer = NoticeRenderer.load({ appUrl: 'https://kiezfonds.example', timeZone: 'Europe/Berlin' });
    const problems: string[] = [];
    for (const kind of NOTICE_KINDS) {
      for (const notice of byKind.get(kind)!) {
        for (const locale of ['de', 'en'] as const) {
          try {
            const mail = renderer.render(kind, locale, notice);
            for (const part of [mail.subject, mail.html, mail.text]) {
              const flaw = /\{\{|\}\}|undefined|NaN|\[object |„“|“”/.exec(part);
              if (flaw) problems.push(`${kind}.${locale}: shows "${flaw[0]}"`);
            }
            // A mail to an unconfirmed address greets nobody by the name its sender typed.
            const greets = mail.html.includes(notice.recipient.name.replaceAll("'", '&#x27;'));
            if (greets === toUnconfirmedAddress(kind)) {
              problems.push(
                `${kind}.${locale}: ${greets ? 'greets' : 'does not greet'} ${notice.recipient.name}`,
              );
            }
          } catch (error) {
            problems.push(`${kind}.${locale}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  }, 120_000);
});
