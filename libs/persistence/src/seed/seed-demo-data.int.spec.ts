import { createTestDatabase, type TestDatabase } from '@kiezfonds/testing';
import { verify } from 'argon2';
import type { DataSource } from 'typeorm';
import {
  CallEntity,
  CommitteeEntity,
  CommitteeMemberEntity,
  DistrictEntity,
  entities,
  OrganisationEntity,
  UserEntity,
} from '../entities';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, listDemoLogins } from './demo-data';
import { seedDemoData, type SeedSummary } from './seed-demo-data';

const SEEDED_TABLES = [
  'district',
  'area',
  'action_field',
  'organisation',
  'app_user',
  'organisation_member',
  'role_assignment',
  'committee',
  'committee_member',
  'call',
  'call_action_field',
  'call_area',
];

const EXPECTED_LOGINS = [
  'admin@kiezfonds.example',
  'coordinator@kiezfonds.example',
  'finance@kiezfonds.example',
  'coordinator.neukoelln@kiezfonds.example',
  'finance.neukoelln@kiezfonds.example',
  'senate@kiezfonds.example',
  ...Array.from({ length: 13 }, (_, i) => `board${i + 1}@kiezfonds.example`),
  'advisor1@kiezfonds.example',
  'advisor2@kiezfonds.example',
  ...Array.from({ length: 5 }, (_, i) => `board.neukoelln${i + 1}@kiezfonds.example`),
  'advisor.neukoelln1@kiezfonds.example',
  ...Array.from({ length: 4 }, (_, i) => `carrier${i + 1}@kiezfonds.example`),
];

/** Every row of every seeded table, keyed by table, in a stable order: what "nothing changed" compares. */
async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of SEEDED_TABLES) {
    result[table] = await dataSource.query(`SELECT * FROM "${table}" ORDER BY 1, 2`);
  }
  return result;
}

/** ISO 13616: move the country code and check digits to the end, letters to numbers, mod 97 must be 1. */
function ibanRemainder(iban: string): bigint {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  return BigInt(digits) % 97n;
}

describe('demo data seed', () => {
  let db: TestDatabase;
  let first: SeedSummary;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await seedDemoData(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  describe('the schema', () => {
    it('maps every entity onto the migrated tables', async () => {
      for (const entity of entities) {
        await expect(db.dataSource.getRepository(entity).find({ take: 1 })).resolves.toBeDefined();
      }
    });

    it('rejects a committee membership that ends before it starts', async () => {
      const [member] = await db.dataSource.query(
        `SELECT committee_id, user_id FROM committee_member LIMIT 1`,
      );
      await expect(
        db.dataSource.query(
          `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from, valid_to)
           VALUES ($1, $2, 'Jugendamt', true, '2030-06-01', '2030-05-31')`,
          [member.committee_id, member.user_id],
        ),
      ).rejects.toThrow(/committee_member_period_valid/);
    });

    it('rejects a second, overlapping seat of the same person in one committee', async () => {
      const [member] = await db.dataSource.query(
        `SELECT committee_id, user_id FROM committee_member WHERE valid_to IS NULL LIMIT 1`,
      );
      await expect(
        db.dataSource.query(
          `INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from)
           VALUES ($1, $2, 'Ordnungsamt', true, '2030-01-01')`,
          [member.committee_id, member.user_id],
        ),
      ).rejects.toThrow(/committee_member_no_overlapping_periods/);
    });

    it('rejects a second user whose e-mail differs only in case', async () => {
      await expect(
        db.dataSource.query(
          `INSERT INTO app_user (email, display_name) VALUES ('Admin@Kiezfonds.Example', 'Doppelt')`,
        ),
      ).rejects.toThrow(/app_user_email_unique/);
    });

    it("rejects a call that covers another district's area", async () => {
      const [spandauCall] = await db.dataSource.query(
        `SELECT c.id FROM call c JOIN district d ON d.id = c.district_id WHERE d.slug = 'spandau'`,
      );
      const [neukoellnArea] = await db.dataSource.query(
        `SELECT a.id FROM area a JOIN district d ON d.id = a.district_id WHERE d.slug = 'neukoelln' LIMIT 1`,
      );
      await expect(
        db.dataSource.query(`INSERT INTO call_area (call_id, area_id) VALUES ($1, $2)`, [
          spandauCall.id,
          neukoellnArea.id,
        ]),
      ).rejects.toThrow(/different districts/);
    });

    it('rejects legal representatives that are not a JSON list', async () => {
      await expect(
        db.dataSource.query(
          `UPDATE organisation SET legal_representatives = '{"name": "Eine Person"}'
           WHERE name = $1`,
          [DEMO_ORGANISATIONS[0]!.name],
        ),
      ).rejects.toThrow(/organisation_legal_representatives_is_array/);
    });

    it('rejects a call whose minimum amount exceeds its maximum', async () => {
      const [district] = await db.dataSource.query(`SELECT id FROM district LIMIT 1`);
      await expect(
        db.dataSource.query(
          `INSERT INTO call (district_id, fund_kind, programme_year, title, expected_budget_cents,
                             submission_deadline, min_amount_cents, max_amount_cents)
           VALUES ($1, 'netzwerkfonds', 2028, 'Verkehrt herum', 0, now(), 20000000, 5000000)`,
          [district.id],
        ),
      ).rejects.toThrow(/call_amount_range_valid/);
    });
  });

  it('creates the demo data on an empty database and reports what it holds', () => {
    expect(first).toEqual({
      districts: 2,
      areas: 37,
      actionFields: 10,
      organisations: 4,
      users: 31,
      // 3 + 15 board members in Spandau, 3 + 6 in Neukölln, and the Senate Berlin-wide
      roleAssignments: 28,
      committees: 2,
      members: 21,
      calls: 2,
      indicators: 30,
      pastProjects: 4,
      inserted: expect.any(Number),
      updated: 0,
    });
    expect(first.inserted).toBeGreaterThan(0);
  });

  it('imports Spandau’s projects of earlier years with the chain of the Kiezküche linked', async () => {
    const rows = (await db.dataSource.query(
      `SELECT p.title, p.programme_year, p.source_file, prev.programme_year AS continues
       FROM past_project p JOIN district d ON d.id = p.district_id
       LEFT JOIN past_project prev ON prev.id = p.predecessor_id
       WHERE d.slug = 'spandau' AND p.title = 'Kiezküche Neustadt' ORDER BY p.programme_year`,
    )) as { title: string; programme_year: number; source_file: string; continues: number | null }[];
    expect(rows.map((r) => [r.programme_year, r.continues])).toEqual([
      [2023, null],
      [2024, 2023],
    ]);
    expect(rows[0]!.source_file).toBe('beispielprojekte-spandau-2023-2025.csv');
  });

  it('gives Spandau’s Planungsräume schematic sample outlines, marked as samples', async () => {
    const rows = (await db.dataSource.query(
      `SELECT a.code, a.shape_sample, jsonb_array_length(a.shape) AS polygons
       FROM area a JOIN district d ON d.id = a.district_id
       WHERE d.slug = 'spandau' AND a.shape IS NOT NULL ORDER BY a.code`,
    )) as { code: string; shape_sample: boolean; polygons: number }[];
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.shape_sample && r.polygons === 1 && r.code.startsWith('05'))).toBe(true);
  });

  it('changes nothing and creates no duplicates when run a second time', async () => {
    const before = await snapshot(db.dataSource);
    const second = await seedDemoData(db.dataSource);
    expect(second).toEqual({ ...first, inserted: 0, updated: 0 });
    expect(await snapshot(db.dataSource)).toEqual(before);
  });

  it('brings edited reference data back but keeps a password the user has since changed', async () => {
    const users = db.dataSource.getRepository(UserEntity);
    const coordinator = await users.findOneByOrFail({ email: 'coordinator@kiezfonds.example' });
    await users.update({ id: coordinator.id }, { passwordHash: 'changed-by-the-user' });
    await db.dataSource.getRepository(DistrictEntity).update({ slug: 'spandau' }, { name: 'Spandow' });

    const third = await seedDemoData(db.dataSource);

    expect(third).toMatchObject({ inserted: 0, updated: 1 });
    await expect(users.findOneByOrFail({ id: coordinator.id })).resolves.toMatchObject({
      passwordHash: 'changed-by-the-user',
    });
    await expect(
      db.dataSource.getRepository(DistrictEntity).findOneByOrFail({ slug: 'spandau' }),
    ).resolves.toMatchObject({ name: 'Spandau' });
    await users.update({ id: coordinator.id }, { passwordHash: coordinator.passwordHash });
  });

  it('gives the AG Stabile Kieze 13 voting departments and 2 advisory members with its decision rules', async () => {
    const committee = await db.dataSource
      .getRepository(CommitteeEntity)
      .findOneByOrFail({ name: 'AG Stabile Kieze' });
    const spandau = await db.dataSource.getRepository(DistrictEntity).findOneByOrFail({ slug: 'spandau' });
    expect(committee).toMatchObject({
      districtId: spandau.id,
      quorumNumerator: 2,
      quorumDenominator: 3,
      majority: 'two_thirds',
      abstentionsCountAsCast: false,
    });

    const members = await db.dataSource
      .getRepository(CommitteeMemberEntity)
      .findBy({ committeeId: committee.id });
    const voting = members.filter((m) => m.voting);
    const advisory = members.filter((m) => !m.voting);
    expect(voting).toHaveLength(13);
    expect(advisory).toHaveLength(2);
    expect(new Set(voting.map((m) => m.department)).size).toBe(13);
    expect(members.every((m) => m.validTo === null && m.substituteForId === null)).toBe(true);
  });

  it('opens one distinct Netzwerkfonds call for programme year 2027 in each district', async () => {
    const calls = await db.dataSource.getRepository(CallEntity).find({ order: { title: 'ASC' } });
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((c) => c.districtId)).size).toBe(2);
    for (const call of calls) {
      expect(call).toMatchObject({ fundKind: 'netzwerkfonds', programmeYear: 2027, status: 'open' });
    }

    const spandau = await db.dataSource.getRepository(DistrictEntity).findOneByOrFail({ slug: 'spandau' });
    const spandauCall = calls.find((c) => c.districtId === spandau.id);
    expect(spandauCall).toMatchObject({
      // bigint columns arrive as strings: 600.000,00 €, 50.000,00 € and 250.000,00 € in cents
      expectedBudgetCents: '60000000',
      minAmountCents: '5000000',
      maxAmountCents: '25000000',
    });
    // 23:59 in Berlin on 31 January is 22:59 UTC (CET, UTC+1).
    expect(spandauCall?.submissionDeadline.toISOString()).toBe('2027-01-31T22:59:00.000Z');
  });

  it("covers every area and action field of the call's district", async () => {
    const uncovered: unknown[] = await db.dataSource.query(`
      SELECT c.id, 'area' AS what, a.slug FROM call c JOIN area a ON a.district_id = c.district_id
        WHERE NOT EXISTS (SELECT 1 FROM call_area ca WHERE ca.call_id = c.id AND ca.area_id = a.id)
      UNION ALL
      SELECT c.id, 'action_field', f.slug FROM call c JOIN action_field f ON f.district_id = c.district_id
        WHERE NOT EXISTS (SELECT 1 FROM call_action_field cf WHERE cf.call_id = c.id AND cf.action_field_id = f.id)`);
    expect(uncovered).toEqual([]);
  });

  it('lets every demo login sign in with the demo password', async () => {
    expect(listDemoLogins().map((login) => login.email)).toEqual(EXPECTED_LOGINS);
    const users = await db.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) IN (:...emails)', { emails: EXPECTED_LOGINS })
      .getMany();
    expect(users.map((u) => u.email).sort()).toEqual([...EXPECTED_LOGINS].sort());
    for (const user of users) {
      expect(user.status).toBe('active');
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    }
    // The seed hashes once and shares the hash, so verifying each distinct stored hash covers every
    // login without paying argon2's deliberate cost thirty times.
    const hashes = new Set(users.map((u) => u.passwordHash ?? ''));
    for (const stored of hashes) await expect(verify(stored, DEMO_PASSWORD)).resolves.toBe(true);
  }, 30_000);

  it('makes each carrier login the admin of its own organisation', async () => {
    const rows: { email: string; name: string; is_admin: boolean }[] = await db.dataSource.query(`
      SELECT u.email, o.name, m.is_admin
      FROM organisation_member m JOIN app_user u ON u.id = m.user_id JOIN organisation o ON o.id = m.organisation_id
      ORDER BY u.email`);
    expect(rows).toEqual(
      DEMO_ORGANISATIONS.map((o) => ({ email: o.adminEmail, name: o.name, is_admin: true })).sort((a, b) =>
        a.email.localeCompare(b.email),
      ),
    );
  });

  it('stores carrier IBANs whose check digits are valid', async () => {
    const organisations = await db.dataSource.getRepository(OrganisationEntity).find();
    expect(organisations).toHaveLength(4);
    for (const { iban } of organisations) {
      expect(iban).toMatch(/^DE\d{20}$/);
      expect(ibanRemainder(iban ?? '')).toBe(1n);
    }
    expect(ibanRemainder('DE05100500000190123457')).not.toBe(1n);
  });

  it('gives every carrier one or two legal representatives, written again only when they differ', async () => {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const organisations = await db.dataSource.getRepository(OrganisationEntity).find();
    expect(
      organisations.map(({ name, legalRepresentatives }) => ({ name, legalRepresentatives })).sort(byName),
    ).toEqual(
      DEMO_ORGANISATIONS.map(({ name, legalRepresentatives }) => ({ name, legalRepresentatives })).sort(
        byName,
      ),
    );
    for (const { legalRepresentatives } of organisations) {
      expect(legalRepresentatives.length).toBeGreaterThanOrEqual(1);
      expect(legalRepresentatives.length).toBeLessThanOrEqual(2);
    }

    // The same list, spelt differently (key order, spacing), is the same JSON value: nothing to do.
    const carrier = DEMO_ORGANISATIONS[0]!;
    const respelt = `[ ${carrier.legalRepresentatives
      .map(({ name, role }) => `{ "role": ${JSON.stringify(role)},  "name": ${JSON.stringify(name)} }`)
      .join(', ')} ]`;
    await db.dataSource.query(`UPDATE organisation SET legal_representatives = $2 WHERE name = $1`, [
      carrier.name,
      respelt,
    ]);
    await expect(seedDemoData(db.dataSource)).resolves.toMatchObject({ inserted: 0, updated: 0 });

    // An edited list is brought back to the demo values.
    await db.dataSource.query(
      `UPDATE organisation SET legal_representatives = '[{"name": "Jemand Anderes", "role": "Vorstand"}]'
       WHERE name = $1`,
      [carrier.name],
    );
    await expect(seedDemoData(db.dataSource)).resolves.toMatchObject({ inserted: 0, updated: 1 });
    await expect(
      db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: carrier.name }),
    ).resolves.toMatchObject({ legalRepresentatives: carrier.legalRepresentatives });
  });

  it('gives the admin login the admin role in both districts and scopes other staff to one', async () => {
    const rows: { email: string; role: string; slug: string }[] = await db.dataSource.query(`
      SELECT u.email, r.role, d.slug FROM role_assignment r
      JOIN app_user u ON u.id = r.user_id JOIN district d ON d.id = r.district_id
      WHERE r.role <> 'board_member' ORDER BY u.email, d.slug`);
    expect(rows).toEqual([
      { email: 'admin@kiezfonds.example', role: 'admin', slug: 'neukoelln' },
      { email: 'admin@kiezfonds.example', role: 'admin', slug: 'spandau' },
      { email: 'coordinator.neukoelln@kiezfonds.example', role: 'coordinator', slug: 'neukoelln' },
      { email: 'coordinator@kiezfonds.example', role: 'coordinator', slug: 'spandau' },
      { email: 'finance.neukoelln@kiezfonds.example', role: 'finance', slug: 'neukoelln' },
      { email: 'finance@kiezfonds.example', role: 'finance', slug: 'spandau' },
    ]);
  });
});
