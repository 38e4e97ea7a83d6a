import { binaryBody } from '@kiezfonds/testing';
import { type Row, Workbook } from 'exceljs';
import { ApplicationWorld } from '../testing/application-world';
import { createCommittee, selectedApplications, type CommitteeSetUp } from '../testing/committee-world';
import { startTestApi, type TestApi } from '../testing/test-api';

/**
 * The yearly report of the Netzwerkfonds: its sheet `Projekte` lists each project of the year with
 * the amount granted. For a Netzwerkfonds project the grant is the amount of its grant notice.
 */
describe('yearly report of the Netzwerkfonds', () => {
  let api: TestApi;
  let world: ApplicationWorld;
  let ag: CommitteeSetUp;

  beforeAll(async () => {
    api = await startTestApi();
    world = await ApplicationWorld.create(api.server, api.db.dataSource);
    ag = await createCommittee(world, { votingMembers: 1 });
  });

  afterAll(async () => {
    await api.close();
  });

  it('shows the granted amount of the notice in "Bewilligt (€)" for a Netzwerkfonds project', async () => {
    const [id] = await selectedApplications(world, ag, 1);
    await world
      .event(world.coordinator, id!, {
        type: 'APPROVE',
        reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
      })
      .expect(200);
    const [notice] = (await world.db.query(
      `SELECT n.amount_cents::text AS amount, c.programme_year AS year, a.title
         FROM grant_notice n JOIN application a ON a.id = n.application_id JOIN call c ON c.id = a.call_id
        WHERE n.application_id = $1`,
      [id],
    )) as { amount: string; year: number; title: string }[];
    const [fund] = (await world.db.query(
      `SELECT f.id FROM fund f JOIN call c ON c.district_id = f.district_id JOIN application a ON a.call_id = c.id
        WHERE a.id = $1 AND f.kind = 'netzwerkfonds'`,
      [id],
    )) as { id: string }[];

    const res = await world
      .get(world.finance, `/api/funds/${fund!.id}/years/${notice!.year}/report.xlsx`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Projekte')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    let row: Row | undefined;
    sheet.eachRow((r, n) => {
      if (n > 1 && r.getCell(1).value === notice!.title) row = r;
    });
    expect(row).toBeDefined();
    const granted = row!.getCell(header.indexOf('Bewilligt (€)') + 1).value;
    // The grant notice's amount in euros, e.g. 50000 for 5 000 000 cents.
    expect(granted).toBe(Number(notice!.amount) / 100);
    // and it is what was committed
    expect(row!.getCell(header.indexOf('Gebunden (€)') + 1).value).toBe(Number(notice!.amount) / 100);
  });
});
