import request from 'supertest';
import { startTestApi, type TestApi } from '../testing/test-api';
import { ApplicationWorld } from '../testing/application-world';
import { createCommittee, selectedApplications } from '../testing/committee-world';

const APPROVAL = {
  type: 'APPROVE',
  reportDeadlines: [{ kind: 'final', due: '2029-06-30' }],
};

interface PublicProject {
  reference: string;
  title: string;
  carrier: string;
  district: { slug: string; name: string };
  amountCents: number;
  areas: string[];
  actionFields: string[];
}

describe('the public list of funded projects: without login, only what carriers consented to publish', () => {
  let api: TestApi;
  let spandau: ApplicationWorld;
  let neukoelln: ApplicationWorld;
  const approved: Record<'consented' | 'refused' | 'selectedOnly' | 'other', string> = {
    consented: '',
    refused: '',
    selectedOnly: '',
    other: '',
  };

  async function reference(world: ApplicationWorld, id: string): Promise<string> {
    const res = await world.get(world.coordinator, `/api/applications/${id}`).expect(200);
    return res.body.reference as string;
  }

  beforeAll(async () => {
    api = await startTestApi();
    spandau = await ApplicationWorld.create(api.server, api.db.dataSource);
    neukoelln = await ApplicationWorld.create(api.server, api.db.dataSource, { name: 'Neukölln' });
    const [consented, refused, selectedOnly] = await selectedApplications(
      spandau,
      await createCommittee(spandau, { votingMembers: 1 }),
      3,
    );
    // The carrier refuses publication with the declarations of the full application.
    const detail = await spandau.get(spandau.carrier, `/api/applications/${refused}`).expect(200);
    await spandau
      .put(spandau.carrier, `/api/applications/${refused}/content`)
      .send({
        version: detail.body.version,
        content: spandau.completeContent({
          declarations: {
            projectNotStarted: true,
            subsidyFraudAcknowledged: true,
            transparencyConsent: false,
            transparencyRefusalReason: 'Schutz der Teilnehmenden einer Frauengruppe',
          },
        }),
      })
      .expect(200);
    for (const id of [consented!, refused!])
      await spandau.event(spandau.coordinator, id, APPROVAL).expect(200);
    const [other] = await selectedApplications(
      neukoelln,
      await createCommittee(neukoelln, { votingMembers: 1 }),
      1,
    );
    await neukoelln.event(neukoelln.coordinator, other!, APPROVAL).expect(200);
    approved.consented = await reference(spandau, consented!);
    approved.refused = await reference(spandau, refused!);
    approved.selectedOnly = await reference(spandau, selectedOnly!);
    approved.other = await reference(neukoelln, other!);
  }, 180_000);

  afterAll(async () => {
    await api.close();
  });

  it('lists a district’s approved projects with consent, and neither a refused nor an undecided one', async () => {
    const res = await request(api.server)
      .get(`/api/public/projects?district=${spandau.district.slug}`)
      .expect(200);
    const projects = res.body.projects as PublicProject[];
    expect(projects.map((p) => p.reference)).toEqual([approved.consented]);
    expect(projects[0]).toEqual({
      reference: approved.consented,
      title: 'Kiezküchen verbinden',
      carrier: spandau.organisation.name,
      district: { slug: spandau.district.slug, name: 'Spandau' },
      fundKind: 'netzwerkfonds',
      programmeYear: 2027,
      amountCents: 5_000_000,
      periodStart: '2027-03-01',
      periodEnd: '2028-12-31',
      areas: ['Falkenhagener Feld', 'Heerstraße Nord'],
      actionFields: ['Bildung'],
    });
  });

  it('shows nothing personal: no people, addresses, bank details, declarations or contents', async () => {
    const res = await request(api.server).get('/api/public/projects').expect(200);
    const body = JSON.stringify(res.body);
    for (const secret of [
      spandau.carrier.user.email,
      spandau.carrier.user.displayName,
      'Teststraße',
      'Schutz der Teilnehmenden',
      'Kochabende',
      'iban',
    ]) {
      expect(body).not.toContain(secret);
    }
  });

  it('lists every district Berlin-wide, and narrows to a programme year', async () => {
    const all = await request(api.server).get('/api/public/projects').expect(200);
    expect((all.body.projects as PublicProject[]).map((p) => p.reference).sort()).toEqual(
      [approved.consented, approved.other].sort(),
    );
    const later = await request(api.server).get('/api/public/projects?programmeYear=2028').expect(200);
    expect(later.body.projects).toEqual([]);
  });

  it('offers the list as open data in CSV, with German formats (decimal comma, no thousands dots, as spreadsheets read it)', async () => {
    const res = await request(api.server)
      .get(`/api/public/projects.csv?district=${spandau.district.slug}`)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="gefoerderte-projekte-${spandau.district.slug}.csv"`,
    );
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      'Aktenzeichen;Projekttitel;Träger:in;Bezirk;Fonds;Programmjahr;Fördersumme (€);Beginn;Ende;Gebiete;Handlungsfelder',
      `${approved.consented};Kiezküchen verbinden;${spandau.organisation.name};Spandau;Netzwerkfonds;2027;50000,00;01.03.2027;31.12.2028;Falkenhagener Feld, Heerstraße Nord;Bildung`,
    ]);
  });

  it('answers an unknown district with 404 and a malformed one with 400 naming the field', async () => {
    const unknown = await request(api.server).get('/api/public/projects?district=atlantis').expect(404);
    expect(unknown.body.code).toBe('district_not_found');
    await request(api.server).get('/api/public/projects.csv?district=atlantis').expect(404);
    const malformed = await request(api.server).get('/api/public/projects?district=Sp%20andau').expect(400);
    expect(JSON.stringify(malformed.body)).toContain('district');
  });
});
