import { createEmptyDatabase } from '@kiezfonds/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, dataSourceOptions } from '../data-source';
import { seedDemoData } from '../seed/seed-demo-data';
import { ensureDatabaseExists, migrateDatabase } from '../database-admin';
import { migrations } from './index';

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

/** How many migrations the last release ran; move it on with each release. */
const PREVIOUS_RELEASE = migrations.findIndex((m) => m.name === 'CreateBallotWithdrawal1763781500000') + 1;

/** Rows of the tables the previous release filled, to see that a migration keeps them. */
async function counts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM committee_member) AS members,
              (SELECT count(*)::int FROM call) AS calls, (SELECT count(*)::int FROM committee_session) AS sessions,
              (SELECT count(*)::int FROM session_attendance) AS attendance,
              (SELECT count(*)::int FROM committee_ballot) AS ballots`,
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('create the database when it does not exist and bring an empty database up to date', async () => {
    const empty = await createEmptyDatabase();
    try {
      const applied = await migrateDatabase(empty.url);
      expect(applied).toEqual(migrations.map((m) => m.name));
      expect(await tables(empty.url)).toEqual(expect.arrayContaining(['audit_event', 'outbox']));
      expect(await migrateDatabase(empty.url)).toEqual([]);
    } finally {
      await empty.drop();
    }
  });

  it('can all be reverted and applied again', async () => {
    const empty = await createEmptyDatabase();
    try {
      await migrateDatabase(empty.url);
      const dataSource = await createDataSource(empty.url).initialize();
      try {
        for (let i = 0; i < migrations.length; i++)
          await dataSource.undoLastMigration({ transaction: 'each' });
        expect(await tables(empty.url)).toEqual([]);
        expect((await dataSource.runMigrations({ transaction: 'each' })).length).toBe(migrations.length);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it("bring the previous release's data up to date: the newer migrations run on a seeded database", async () => {
    const empty = await createEmptyDatabase();
    try {
      // The previous release: every migration but the newest, with the demo data and a session in it.
      await ensureDatabaseExists(empty.url);
      const previous = await new DataSource({
        ...dataSourceOptions(empty.url),
        migrations: migrations.slice(0, PREVIOUS_RELEASE),
      }).initialize();
      try {
        await previous.runMigrations({ transaction: 'each' });
        await seedDemoData(previous, { passwordHash: 'not-a-login' });
        await previous.query(`
          INSERT INTO committee_session (committee_id, created_by, title, starts_at, place)
          SELECT c.id, u.id, '1. Sitzung 2027', now() + interval '14 days', 'Rathaus Spandau'
            FROM committee c, app_user u WHERE u.email = 'coordinator@kiezfonds.example' ORDER BY c.name LIMIT 1`);
        await previous.query(`
          INSERT INTO session_attendance (session_id, committee_member_id, present)
          SELECT s.id, m.id, true FROM committee_session s JOIN committee_member m ON m.committee_id = s.committee_id`);
        await previous.query(`
          INSERT INTO application (call_id, organisation_id, title, state)
          SELECT c.id, o.id, 'Kiezübergreifende Lernwerkstatt', 'in_review'
            FROM call c, organisation o ORDER BY c.created_at, o.name LIMIT 1`);
        await previous.query(`
          INSERT INTO committee_vote (committee_id, application_id, procedure, motion, opened_by, deadline)
          SELECT c.id, a.id, 'written', 'Umlauf vor dem Update', u.id, now() + interval '7 days'
            FROM committee c, application a, app_user u
           WHERE u.email = 'coordinator@kiezfonds.example'
             AND NOT EXISTS (SELECT 1 FROM committee_vote v WHERE v.application_id = a.id AND v.closed_at IS NULL)
           ORDER BY c.name, a.created_at LIMIT 1`);
        await previous.query(`
          INSERT INTO committee_ballot (vote_id, committee_member_id, choice, cast_by)
          SELECT v.id, m.id, 'yes', m.user_id
            FROM committee_vote v JOIN committee_member m ON m.committee_id = v.committee_id
           WHERE v.motion = 'Umlauf vor dem Update'`);
      } finally {
        await previous.destroy();
      }
      const before = await counts(empty.url);

      const current = await createDataSource(empty.url).initialize();
      try {
        const applied = await current.runMigrations({ transaction: 'each' });
        expect(applied.map((m) => m.name)).toEqual(migrations.slice(PREVIOUS_RELEASE).map((m) => m.name));
        expect(await counts(empty.url)).toEqual(before);
        expect(before.ballots).toBeGreaterThan(0);
        // Ballots cast before the update count as they were cast.
        const [counted] = (await current.query(
          `SELECT count(*)::int AS n FROM committee_ballot_counted WHERE choice = cast_choice AND withdrawn_at IS NULL`,
        )) as { n: number }[];
        expect(counted!.n).toBe(before.ballots);
        // A written vote's ballot was held by the seat's own member.
        const [held] = (await current.query(
          `SELECT count(*)::int AS n FROM committee_ballot WHERE held_by_member_id = committee_member_id`,
        )) as { n: number }[];
        expect(held!.n).toBe(before.ballots);
      } finally {
        await current.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it('repair file numbers: truncated and global ones become unique numbers per district and programme year', async () => {
    const empty = await createEmptyDatabase();
    const repair = migrations.findIndex((m) => m.name === 'NumberReferencesPerDistrictAndYear1763792000000');
    try {
      await ensureDatabaseExists(empty.url);
      const before = await new DataSource({
        ...dataSourceOptions(empty.url),
        migrations: migrations.slice(0, repair),
      }).initialize();
      try {
        await before.runMigrations({ transaction: 'each' });
        await before.query(`
          INSERT INTO district (slug, name) VALUES ('spandau', 'Spandau'), ('neukoelln', 'Neukölln')`);
        await before.query(`
          INSERT INTO call (district_id, fund_kind, programme_year, title, status, expected_budget_cents, submission_deadline)
          SELECT d.id, 'netzwerkfonds', y, 'Netzwerkfonds ' || y, 'open', 0, now() + interval '30 days'
            FROM district d, (VALUES (2027), (2028)) years (y)`);
        await before.query(`
          INSERT INTO organisation (name, legal_form, street, postal_code)
          VALUES ('Kiez e. V.', 'e.V.', 'Teststraße 1', '13591')`);
        // Three applications numbered by the old global sequence, the last one past 999: cut to 100.
        for (const [district, year] of [
          ['spandau', 2027],
          ['neukoelln', 2027],
          ['spandau', 2028],
        ] as const) {
          if (district === 'spandau' && year === 2028) {
            await before.query(`SELECT setval('application_reference_seq', 1000, false)`);
          }
          await before.query(
            `INSERT INTO application (call_id, organisation_id, title)
             SELECT c.id, o.id, 'Projekt' FROM call c JOIN district d ON d.id = c.district_id, organisation o
              WHERE d.slug = $1 AND c.programme_year = $2`,
            [district, year],
          );
        }
        const old = (await before.query(`SELECT reference FROM application ORDER BY created_at, id`)) as {
          reference: string;
        }[];
        expect(old.map((r) => r.reference)).toEqual(['NWF-2027-001', 'NWF-2027-002', 'NWF-2028-100']);
      } finally {
        await before.destroy();
      }

      const after = await createDataSource(empty.url).initialize();
      try {
        await after.runMigrations({ transaction: 'each' });
        const rows = (await after.query(
          `SELECT d.slug, a.reference, a.former_reference FROM application a
             JOIN call c ON c.id = a.call_id JOIN district d ON d.id = c.district_id ORDER BY a.reference`,
        )) as { slug: string; reference: string; former_reference: string }[];
        expect(rows).toEqual([
          { slug: 'neukoelln', reference: 'NWF-NEU-2027-0001', former_reference: 'NWF-2027-002' },
          { slug: 'spandau', reference: 'NWF-SPA-2027-0001', former_reference: 'NWF-2027-001' },
          { slug: 'spandau', reference: 'NWF-SPA-2028-0001', former_reference: 'NWF-2028-100' },
        ]);
        // New drafts continue each district's count for their year.
        await after.query(`
          INSERT INTO application (call_id, organisation_id, title)
          SELECT c.id, o.id, 'Neu' FROM call c JOIN district d ON d.id = c.district_id, organisation o
           WHERE d.slug = 'spandau' AND c.programme_year = 2027`);
        const [fresh] = (await after.query(`SELECT reference FROM application WHERE title = 'Neu'`)) as {
          reference: string;
        }[];
        expect(fresh!.reference).toBe('NWF-SPA-2027-0002');
        // Reverting gives the old numbers back.
        for (let i = repair; i < migrations.length; i++)
          await after.undoLastMigration({ transaction: 'each' });
        const reverted = (await after.query(`SELECT reference FROM application ORDER BY reference`)) as {
          reference: string;
        }[];
        expect(reverted.map((r) => r.reference)).toEqual(
          expect.arrayContaining(['NWF-2027-001', 'NWF-2027-002', 'NWF-2028-100']),
        );
        expect(new Set(reverted.map((r) => r.reference)).size).toBe(4);
      } finally {
        await after.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it("raise calls' minimums to the Netzwerkfonds floor of 50 000 € and keep every new call at or above it", async () => {
    const empty = await createEmptyDatabase();
    const floor = migrations.findIndex(
      (m) => m.name === 'RaiseCallMinimumsToNetzwerkfondsFloor1763795000000',
    );
    try {
      await ensureDatabaseExists(empty.url);
      const before = await new DataSource({
        ...dataSourceOptions(empty.url),
        migrations: migrations.slice(0, floor),
      }).initialize();
      try {
        await before.runMigrations({ transaction: 'each' });
        await before.query(`INSERT INTO district (slug, name) VALUES ('spandau', 'Spandau')`);
        // No minimum, 5 000 €, 80 000 €, and 5 000 € to 40 000 € (a range wholly below the floor).
        await before.query(`
          INSERT INTO call (district_id, fund_kind, programme_year, title, expected_budget_cents,
                            submission_deadline, min_amount_cents, max_amount_cents)
          SELECT d.id, 'netzwerkfonds', 2027, t.title, 50000000, now() + interval '30 days', t.min, t.max
            FROM district d, (VALUES ('ohne', NULL::bigint, NULL::bigint), ('klein', 500000, 15000000),
                                     ('gross', 8000000, NULL), ('darunter', 500000, 4000000)) t (title, min, max)`);
      } finally {
        await before.destroy();
      }

      const after = await createDataSource(empty.url).initialize();
      try {
        await after.runMigrations({ transaction: 'each' });
        const rows = (await after.query(
          `SELECT title, min_amount_cents::text AS min, max_amount_cents::text AS max FROM call ORDER BY title`,
        )) as { title: string; min: string; max: string | null }[];
        expect(rows).toEqual([
          { title: 'darunter', min: '5000000', max: '5000000' },
          { title: 'gross', min: '8000000', max: null },
          { title: 'klein', min: '5000000', max: '15000000' },
          { title: 'ohne', min: '5000000', max: null },
        ]);
        const insert = (min: string) =>
          after.query(
            `INSERT INTO call (district_id, fund_kind, programme_year, title, expected_budget_cents,
                               submission_deadline${min ? ', min_amount_cents' : ''})
             SELECT id, 'netzwerkfonds', 2028, 'neu ${min || 'ohne'}', 0, now()${min ? `, ${min}` : ''} FROM district`,
          );
        await expect(insert('4999999')).rejects.toThrow(/call_min_amount_netzwerkfonds_floor/);
        await expect(insert('NULL')).rejects.toThrow(/null value/);
        await insert('');
        const [fresh] = (await after.query(
          `SELECT min_amount_cents::text AS min FROM call WHERE title = 'neu ohne'`,
        )) as { min: string }[];
        expect(fresh!.min).toBe('5000000');
        // Reverting drops the rule; the raised minimums stay, as no one can tell which were empty.
        for (let i = floor; i < migrations.length; i++)
          await after.undoLastMigration({ transaction: 'each' });
        await insert('NULL');
      } finally {
        await after.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it('record on a notice issued before the update the decision it rests on and the recipient it was addressed to', async () => {
    const empty = await createEmptyDatabase();
    const at = migrations.findIndex((m) => m.name === 'RecordDecisionAndRecipientOnGrantNotice1763796600000');
    try {
      await ensureDatabaseExists(empty.url);
      const before = await new DataSource({
        ...dataSourceOptions(empty.url),
        migrations: migrations.slice(0, at),
      }).initialize();
      try {
        await before.runMigrations({ transaction: 'each' });
        await seedDemoData(before, { passwordHash: 'not-a-login' });
        await before.query(`
          INSERT INTO application (call_id, organisation_id, title, state)
          SELECT c.id, o.id, 'Lernwerkstatt', 'approved' FROM call c, organisation o
           ORDER BY c.created_at, o.name LIMIT 1`);
        // Adopted in writing on 12.03.2027 (Berlin), after an earlier vote that was rejected.
        await before.query(`
          INSERT INTO committee_vote (committee_id, application_id, procedure, motion, opened_by, opened_at,
            deadline, closed_at, closed_because, outcome, tally, quorum_numerator, quorum_denominator, majority,
            abstentions_count_as_cast)
          SELECT c.id, a.id, 'written', t.motion, u.id, t.closed - interval '7 days', t.closed, t.closed,
                 'deadline_passed', t.outcome, '{}', c.quorum_numerator, c.quorum_denominator, c.majority,
                 c.abstentions_count_as_cast
            FROM (SELECT * FROM committee ORDER BY name LIMIT 1) c, application a, app_user u,
                 (VALUES ('Erster Umlauf', 'rejected', timestamptz '2027-02-01 12:00+01'),
                         ('Zweiter Umlauf', 'adopted', timestamptz '2027-03-12 23:30+01')) t (motion, outcome, closed)
           WHERE a.title = 'Lernwerkstatt' AND u.email = 'coordinator@kiezfonds.example'`);
        await before.query(`
          INSERT INTO grant_notice (application_id, reference, amount_cents, period_start, period_end, instalments,
            report_deadlines, issued_on)
          SELECT id, 'NWF-ALT-ZB', 5000000, '2027-04-01', '2028-12-31', '[]', '[]', '2027-03-20'
            FROM application WHERE title = 'Lernwerkstatt'`);
      } finally {
        await before.destroy();
      }

      const after = await createDataSource(empty.url).initialize();
      try {
        await after.runMigrations({ transaction: 'each' });
        const [notice] = (await after.query(`
          SELECT g.decision, g.recipient, v.id AS vote_id, c.name AS committee, o.name AS organisation, o.street
            FROM grant_notice g JOIN application a ON a.id = g.application_id
            JOIN organisation o ON o.id = a.organisation_id
            JOIN committee_vote v ON v.application_id = a.id AND v.outcome = 'adopted'
            JOIN committee c ON c.id = v.committee_id`)) as {
          decision: unknown;
          recipient: { name: string; street: string };
          vote_id: string;
          committee: string;
          organisation: string;
          street: string;
        }[];
        // The adopted vote, closed late on 12.03.2027 in Berlin (22:30 UTC), not the rejected one.
        expect(notice!.decision).toEqual({
          voteId: notice!.vote_id,
          procedure: 'written',
          decidedOn: '2027-03-12',
          committee: notice!.committee,
          session: null,
          programmePlan: null,
        });
        expect(notice!.recipient).toMatchObject({ name: notice!.organisation, street: notice!.street });
        await expect(after.query(`UPDATE grant_notice SET decision = '{"voteId": "x"}'`)).rejects.toThrow(
          /grant_notice_decision_cites_a_vote/,
        );
        for (let i = at; i < migrations.length; i++) await after.undoLastMigration({ transaction: 'each' });
        const columns = (await after.query(
          `SELECT column_name FROM information_schema.columns
            WHERE table_name = 'grant_notice' AND column_name IN ('decision', 'recipient')`,
        )) as unknown[];
        expect(columns).toEqual([]);
      } finally {
        await after.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it("give each written vote of the previous release its electorate: an open one today's seats and who answered, a closed one the seats its close counted", async () => {
    const empty = await createEmptyDatabase();
    const at = migrations.findIndex((m) => m.name === 'FixWrittenVoteElectorateAtOpening1763797400000');
    expect(at).toBeGreaterThan(0);
    try {
      await ensureDatabaseExists(empty.url);
      const before = await new DataSource({
        ...dataSourceOptions(empty.url),
        migrations: migrations.slice(0, at),
      }).initialize();
      try {
        await before.runMigrations({ transaction: 'each' });
        await seedDemoData(before, { passwordHash: 'not-a-login' });
        // Spandau's AG (members since 01.01.2026): a seat that ended yesterday, one taken on
        // 01.07.2026, and a substitute; neither the substitute nor the advisory members vote in writing.
        await before.query(`
          INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from, valid_to)
          SELECT c.id, u.id, t.department, true, t.valid_from::date, t.valid_to
            FROM committee c, app_user u,
                 (VALUES ('coordinator@kiezfonds.example', 'Ehemals', '2026-01-01',
                          (now() AT TIME ZONE 'Europe/Berlin')::date - 1),
                         ('finance@kiezfonds.example', 'Später', '2026-07-01', NULL::date)) t (email, department, valid_from, valid_to)
           WHERE c.name = 'AG Stabile Kieze' AND u.email = t.email`);
        await before.query(`
          INSERT INTO committee_member (committee_id, user_id, department, voting, valid_from, substitute_for_id)
          SELECT c.id, u.id, 'Vertretung', true, '2026-01-01',
                 (SELECT m.id FROM committee_member m WHERE m.committee_id = c.id AND m.voting ORDER BY m.department LIMIT 1)
            FROM committee c, app_user u WHERE c.name = 'AG Stabile Kieze' AND u.email = 'admin@kiezfonds.example'`);
        await before.query(`
          INSERT INTO application (call_id, organisation_id, title, state)
          SELECT c.id, o.id, 'Stadtteilmütter vernetzen', 'in_review' FROM call c, organisation o
           ORDER BY c.created_at, o.name LIMIT 1`);
        // Open since two days, and closed on 15.06.2026, before the seat of 01.07.2026 began.
        await before.query(`
          INSERT INTO committee_vote (committee_id, application_id, procedure, motion, opened_by, opened_at,
            deadline, closed_at, closed_because, outcome, tally, quorum_numerator, quorum_denominator, majority,
            abstentions_count_as_cast)
          SELECT c.id, a.id, 'written', t.motion, u.id, t.opened, t.deadline, t.closed, t.because, t.outcome,
                 t.tally, c.quorum_numerator, c.quorum_denominator, c.majority, c.abstentions_count_as_cast
            FROM committee c, application a, app_user u,
                 (VALUES ('Offener Umlauf', now() - interval '2 days', now() + interval '5 days', NULL::timestamptz,
                          NULL, NULL, NULL::jsonb),
                         ('Geschlossener Umlauf', timestamptz '2026-06-08 12:00+02', timestamptz '2026-06-15 12:00+02',
                          timestamptz '2026-06-15 12:00+02', 'deadline_passed', 'rejected', '{}'::jsonb))
                   t (motion, opened, deadline, closed, because, outcome, tally)
           WHERE c.name = 'AG Stabile Kieze' AND a.title = 'Stadtteilmütter vernetzen'
             AND u.email = 'coordinator@kiezfonds.example'`);
        // Answered before the update: the member whose seat has ended since, and one still seated.
        await before.query(`
          INSERT INTO committee_ballot (vote_id, committee_member_id, held_by_member_id, choice, cast_by)
          SELECT v.id, m.id, m.id, 'yes', m.user_id FROM committee_vote v
            JOIN committee_member m ON m.committee_id = v.committee_id
           WHERE v.motion = 'Offener Umlauf'
             AND m.id IN ((SELECT id FROM committee_member WHERE department = 'Ehemals'),
                          (SELECT id FROM committee_member WHERE department = 'Später'))`);
      } finally {
        await before.destroy();
      }

      const after = await createDataSource(empty.url).initialize();
      try {
        await after.runMigrations({ transaction: 'each' });
        const sorted = (list: string[]) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const departments = async (motion: string) =>
          sorted(
            (
              (await after.query(
                `SELECT m.department FROM committee_vote_electorate e
                   JOIN committee_vote v ON v.id = e.vote_id JOIN committee_member m ON m.id = e.committee_member_id
                  WHERE v.motion = $1`,
                [motion],
              )) as { department: string }[]
            ).map((row) => row.department),
          );
        const seeded = (
          (await after.query(
            `SELECT m.department FROM committee_member m JOIN committee c ON c.id = m.committee_id
              WHERE c.name = 'AG Stabile Kieze' AND m.voting AND m.substitute_for_id IS NULL
                AND m.department NOT IN ('Ehemals', 'Später')`,
          )) as { department: string }[]
        ).map((row) => row.department);
        expect(seeded.length).toBeGreaterThan(0);
        // Open: today's voting seats, and the ended seat whose ballot was cast while it was held.
        expect(await departments('Offener Umlauf')).toEqual(sorted([...seeded, 'Ehemals', 'Später']));
        // Closed: the seats held on the day it closed, as its recorded tally counted them.
        expect(await departments('Geschlossener Umlauf')).toEqual(sorted([...seeded, 'Ehemals']));

        // From now on a written vote takes ballots only from its electorate, and the electorate stays.
        await expect(
          after.query(`
            INSERT INTO committee_ballot (vote_id, committee_member_id, held_by_member_id, choice, cast_by)
            SELECT v.id, m.id, m.id, 'yes', m.user_id FROM committee_vote v
              JOIN committee_member m ON m.committee_id = v.committee_id AND NOT m.voting
             WHERE v.motion = 'Offener Umlauf' LIMIT 1`),
        ).rejects.toThrow(/opened to/);
        await expect(after.query(`DELETE FROM committee_vote_electorate`)).rejects.toThrow(/append-only/);
      } finally {
        await after.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it('are named <timestamp>-<what-it-does> and listed in time order', () => {
    const stamps = migrations.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1]));
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });
});
