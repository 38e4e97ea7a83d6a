import { argon2id, hash } from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { createHash } from 'node:crypto';
import {
  type KnownArea,
  parseIndicatorCsv,
  parseLorCsv,
  parseAreaGeoJson,
  parsePastProjects,
  pastProjectCsvGrid,
} from '@kiezfonds/domain';
import { saveIndicators, saveLorAreas } from '../area-figures';
import { insertPastProject } from '../past-projects';
import { DEMO_LOR, sampleShapesGeoJson } from './demo-lor';
import {
  DEMO_DISTRICTS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_SENATE,
  DEMO_USERS,
  type DemoDistrict,
} from './demo-data';

export interface SeedOptions {
  /**
   * The hash stored for users the seed creates. By default the seed hashes DEMO_PASSWORD with
   * argon2id once per run, and only when it creates a user.
   */
  passwordHash?: string;
}

/** How much demo data the database holds after the run, and what the run had to write for it. */
export interface SeedSummary {
  districts: number;
  areas: number;
  actionFields: number;
  organisations: number;
  users: number;
  roleAssignments: number;
  committees: number;
  /** Committee members, voting and advisory. */
  members: number;
  calls: number;
  /** Indicator values (sample values, „Beispielwerte“). */
  indicators: number;
  /** Projects of earlier years imported from the demo's file. */
  pastProjects: number;
  /** Rows this run inserted: 0 when the demo data was complete already. */
  inserted: number;
  /** Rows this run brought back to their demo values: 0 when nobody had changed them. */
  updated: number;
}

type Values = Record<string, unknown>;

interface Upsert {
  table: string;
  /** The natural key: the columns of a unique constraint and this row's values for them. */
  key: Values;
  /** ON CONFLICT target of that constraint; by default the key's columns. */
  conflict?: string;
  /** WHERE clause finding the row by its key ($1… are the key values); by default equality on each column. */
  lookup?: string;
  /** Reference data: brought back to the demo values on every run. */
  set?: Values;
  /**
   * Written only when the row is created. For state the app changes while it is used (a user's
   * password, language and status, a call's status), which a second seed must not undo.
   */
  onInsert?: Values;
}

/**
 * Creates the demo districts, carriers, users, committees and calls (see demo-data.ts), or brings
 * them back to their demo values. Idempotent: every row is upserted by its natural key (slug,
 * lower(email), name…), so a second run inserts nothing, updates nothing and keeps every id.
 * Rows the seed does not know (created while using the app) are left alone. One transaction:
 * the demo data is there completely or not at all.
 */
export async function seedDemoData(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedSummary> {
  return dataSource.transaction(async (manager) => {
    // Two seeds started together (e.g. two `npm start`s) would otherwise race on the unique keys.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kiezfonds:seed-demo-data'))`);
    const seeder = new DemoSeeder(manager);
    await seeder.seedUsers(options.passwordHash);
    await seeder.seedSenate();
    await seeder.seedOrganisations();
    for (const district of DEMO_DISTRICTS) await seeder.seedDistrict(district);
    return seeder.summary;
  });
}

class DemoSeeder {
  readonly summary: SeedSummary = {
    districts: 0,
    areas: 0,
    actionFields: 0,
    organisations: 0,
    users: 0,
    roleAssignments: 0,
    committees: 0,
    members: 0,
    calls: 0,
    indicators: 0,
    pastProjects: 0,
    inserted: 0,
    updated: 0,
  };
  private readonly userIds = new Map<string, string>();

  constructor(private readonly db: EntityManager) {}

  async seedUsers(givenHash: string | undefined): Promise<void> {
    const emails = DEMO_USERS.map((user) => user.email.toLowerCase());
    const existing: { email: string }[] = await this.db.query(
      `SELECT lower(email) AS email FROM app_user WHERE lower(email) = ANY($1::text[])`,
      [emails],
    );
    // argon2 is slow by design: hash once, and not at all when every user exists.
    const passwordHash =
      existing.length < emails.length ? (givenHash ?? (await hash(DEMO_PASSWORD, { type: argon2id }))) : null;
    for (const user of DEMO_USERS) {
      const id = await this.upsert({
        table: 'app_user',
        key: { email: user.email },
        conflict: '(lower(email))',
        lookup: 'lower(email) = lower($1)',
        set: { display_name: user.displayName },
        onInsert: { language: user.language ?? 'de', status: 'active', password_hash: passwordHash },
      });
      this.userIds.set(user.email.toLowerCase(), id);
      this.summary.users += 1;
    }
  }

  /**
   * The Senate role names no district, so it has its own key (one per user) instead of the upsert's.
   * A schema from before the role (the migration test seeds the previous release's) has no Senate.
   */
  async seedSenate(): Promise<void> {
    const [known] = (await this.db.query(
      `SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'role_assignment_senate_unique'`,
    )) as { n: number }[];
    if (known!.n === 0) return;
    for (const email of DEMO_SENATE) {
      const inserted: unknown[] = await this.db.query(
        `INSERT INTO role_assignment (user_id, role) VALUES ($1, 'senate')
         ON CONFLICT (user_id) WHERE role = 'senate' DO NOTHING RETURNING id`,
        [this.userId(email)],
      );
      this.summary.inserted += inserted.length;
      this.summary.roleAssignments += 1;
    }
  }

  async seedOrganisations(): Promise<void> {
    for (const organisation of DEMO_ORGANISATIONS) {
      const organisationId = await this.upsert({
        table: 'organisation',
        key: { name: organisation.name },
        set: {
          legal_form: organisation.legalForm,
          street: organisation.street,
          postal_code: organisation.postalCode,
          city: organisation.city,
          // As JSON text (pg would send an array as a Postgres array). The upsert compares jsonb
          // values, so key order or spacing never makes a second run rewrite the row.
          legal_representatives: JSON.stringify(organisation.legalRepresentatives),
          finance_registration_number: organisation.financeRegistrationNumber,
          vat_deductible: organisation.vatDeductible,
          iban: organisation.iban,
          verified_at: organisation.verifiedAt,
        },
      });
      this.summary.organisations += 1;
      await this.link({
        table: 'organisation_member',
        key: { organisation_id: organisationId, user_id: this.userId(organisation.adminEmail) },
        set: { is_admin: true },
      });
    }
  }

  async seedDistrict(district: DemoDistrict): Promise<void> {
    const districtId = await this.upsert({
      table: 'district',
      key: { slug: district.slug },
      set: {
        name: district.name,
        office_name: district.office.name,
        office_unit: district.office.unit,
        office_street: district.office.street,
        office_postal_code: district.office.postalCode,
        office_city: 'Berlin',
        office_email: district.office.email,
        signatory_name: district.office.signatoryName,
        signatory_role: district.office.signatoryRole,
      },
    });
    this.summary.districts += 1;

    const areaIds = new Map<string, string>();
    for (const area of district.areas) {
      const parentId = area.parentSlug === undefined ? null : areaIds.get(area.parentSlug);
      if (parentId === undefined) {
        throw new Error(`demo area ${area.slug}: its parent ${area.parentSlug} must be listed before it`);
      }
      const id = await this.upsert({
        table: 'area',
        key: { district_id: districtId, slug: area.slug },
        set: { name: area.name, kind: area.kind, parent_id: parentId },
      });
      areaIds.set(area.slug, id);
      this.summary.areas += 1;
    }
    await this.seedLor(district.slug, districtId, areaIds);
    await this.seedPastProjects(district.slug, districtId);

    const actionFieldIds: string[] = [];
    for (const field of district.actionFields) {
      actionFieldIds.push(
        await this.upsert({
          table: 'action_field',
          key: { district_id: districtId, slug: field.slug },
          set: { name: field.name },
        }),
      );
      this.summary.actionFields += 1;
    }

    const { committee } = district;
    const boardRoles = committee.members.map((member) => ({ email: member.email, roles: ['board_member'] }));
    for (const { email, roles } of [...district.staff, ...boardRoles]) {
      for (const role of roles) {
        await this.upsert({
          table: 'role_assignment',
          key: { user_id: this.userId(email), role, district_id: districtId },
        });
        this.summary.roleAssignments += 1;
      }
    }

    const committeeId = await this.upsert({
      table: 'committee',
      key: { district_id: districtId, name: committee.name },
      set: {
        short_name: committee.shortName,
        quorum_numerator: committee.quorum.numerator,
        quorum_denominator: committee.quorum.denominator,
        majority: committee.majority,
        abstentions_count_as_cast: committee.abstentionsCountAsCast,
      },
    });
    this.summary.committees += 1;
    for (const member of committee.members) {
      await this.upsert({
        table: 'committee_member',
        key: {
          committee_id: committeeId,
          user_id: this.userId(member.email),
          valid_from: committee.membersFrom,
        },
        set: { department: member.department, voting: member.voting },
      });
      this.summary.members += 1;
    }

    const { call } = district;
    const callId = await this.upsert({
      table: 'call',
      key: {
        district_id: districtId,
        fund_kind: 'netzwerkfonds',
        programme_year: call.programmeYear,
        title: call.title,
      },
      set: {
        description: call.description,
        expected_budget_cents: call.expectedBudgetCents,
        min_amount_cents: call.minAmountCents,
        max_amount_cents: call.maxAmountCents,
        required_attachments: JSON.stringify(call.requiredAttachments),
      },
      // Coordinators extend deadlines, and the demo moves a passed one forward (seed-applications.ts).
      onInsert: { status: call.status, submission_deadline: call.submissionDeadline },
    });
    this.summary.calls += 1;
    for (const areaId of areaIds.values()) {
      await this.link({ table: 'call_area', key: { call_id: callId, area_id: areaId } });
    }
    for (const actionFieldId of actionFieldIds) {
      await this.link({
        table: 'call_action_field',
        key: { call_id: callId, action_field_id: actionFieldId },
      });
    }
  }

  private userId(email: string): string {
    const id = this.userIds.get(email.toLowerCase());
    if (!id) throw new Error(`demo data refers to ${email}, which is not among DEMO_USERS`);
    return id;
  }

  /** Upserts a row with a generated id and returns that id, whether the row was new, changed or untouched. */
  /**
   * The district's LOR grid, which QM areas and Aktionsräume cover which Planungsräume, and sample
   * monitoring values, through the same readers and writers as the import routes. A schema from
   * before issue 21 (the migration test seeds the previous release's) has none of it.
   */
  private async seedLor(slug: string, districtId: string, areaIds: Map<string, string>): Promise<void> {
    const lor = DEMO_LOR[slug];
    if (!lor) return;
    const [known] = (await this.db.query(`SELECT to_regclass('area_indicator') IS NOT NULL AS known`)) as {
      known: boolean;
    }[];
    if (!known!.known) return;
    const grid = parseLorCsv(lor.lorCsv, lor.districtCode);
    if (!grid.ok) throw new Error(`demo LOR table of ${slug}: ${JSON.stringify(grid.problems)}`);
    this.summary.inserted += await saveLorAreas(this.db, districtId, grid.areas);
    this.summary.areas += grid.areas.length;
    // The demo call covers every area of the district, the imported ones too.
    const imported = (await this.db.query(
      `SELECT id, slug FROM area WHERE district_id = $1 AND code = ANY($2::text[])`,
      [districtId, grid.areas.map((a) => a.code)],
    )) as { id: string; slug: string }[];
    for (const area of imported) areaIds.set(area.slug, area.id);
    for (const [areaSlug, codes] of Object.entries(lor.covers)) {
      const linked: unknown[] = await this.db.query(
        `INSERT INTO area_cover (district_id, area_id, planungsraum_id)
         SELECT $1, $2, p.id FROM area p WHERE p.district_id = $1 AND p.code = ANY($3::text[])
         ON CONFLICT DO NOTHING RETURNING 1`,
        [districtId, areaIds.get(areaSlug), codes],
      );
      this.summary.inserted += linked.length;
    }
    const areas = (await this.db.query(`SELECT id, code, name, kind FROM area WHERE district_id = $1`, [
      districtId,
    ])) as KnownArea[];
    const figures = parseIndicatorCsv(lor.monitoringCsv, areas);
    if (!figures.ok) throw new Error(`demo monitoring table of ${slug}: ${JSON.stringify(figures.problems)}`);
    this.summary.inserted += await saveIndicators(this.db, districtId, figures.rows, {
      fileName: lor.monitoringFile,
      actorId: null,
      sample: true,
    });
    this.summary.indicators += figures.rows.length;
    const [shapeColumn] = (await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns
         WHERE table_name = 'area' AND column_name = 'shape') AS known`,
    )) as { known: boolean }[];
    if (lor.sampleShapeGrid && shapeColumn!.known) {
      const shapes = parseAreaGeoJson(sampleShapesGeoJson(lor.sampleShapeGrid), areas);
      if (!shapes.ok) throw new Error(`demo sample shapes of ${slug}: ${JSON.stringify(shapes.problems)}`);
      for (const row of shapes.shapes) {
        // Only where no outline is held: an imported real one is never replaced by a sample.
        // A CTE, so the count comes back as a row: TypeORM answers a bare UPDATE with [rows, count].
        const [set] = (await this.db.query(
          `WITH set AS (
             UPDATE area SET shape = $2, shape_sample = true WHERE id = $1 AND shape IS NULL RETURNING 1
           ) SELECT count(*)::int AS n FROM set`,
          [row.areaId, JSON.stringify(row.shape)],
        )) as { n: number }[];
        this.summary.inserted += set!.n;
      }
    }
  }

  /**
   * The district's demo projects of earlier years, read by the import's parser and stored as the
   * import route stores them (file hash and row), so a second run finds them and inserts nothing.
   */
  private async seedPastProjects(slug: string, districtId: string): Promise<void> {
    const lor = DEMO_LOR[slug];
    if (!lor?.pastProjectsCsv || !lor.pastProjectsFile) return;
    const [known] = (await this.db.query(`SELECT to_regclass('past_project') IS NOT NULL AS known`)) as {
      known: boolean;
    }[];
    if (!known!.known) return;
    const areas = (await this.db.query(`SELECT id, code, name, kind FROM area WHERE district_id = $1`, [
      districtId,
    ])) as KnownArea[];
    const organisations = (await this.db.query(`SELECT id, name FROM organisation`)) as {
      id: string;
      name: string;
    }[];
    const parsed = parsePastProjects(pastProjectCsvGrid(lor.pastProjectsCsv), { areas, organisations });
    if (!parsed.ok) throw new Error(`demo past projects of ${slug}: ${JSON.stringify(parsed.problems)}`);
    const sha256 = createHash('sha256').update(lor.pastProjectsCsv, 'utf8').digest('hex');
    const ids = new Map<number, string>();
    for (const row of parsed.rows) {
      // Under the seed's lock: looked up first, inserted only when absent.
      const [existing] = (await this.db.query(
        `SELECT id FROM past_project WHERE district_id = $1 AND source_sha256 = $2 AND source_row = $3`,
        [districtId, sha256, row.row],
      )) as { id: string }[];
      let id = existing?.id;
      if (!id) {
        id = await insertPastProject(this.db, districtId, row, {
          fileName: lor.pastProjectsFile,
          sha256,
          predecessorId: row.predecessorRow === null ? null : (ids.get(row.predecessorRow) ?? null),
          importedBy: null,
        });
        this.summary.inserted += 1;
      }
      ids.set(row.row, id);
      this.summary.pastProjects += 1;
    }
  }

  private async upsert(spec: Upsert): Promise<string> {
    const written = await this.write(spec, 'id');
    if (written) return written.id;
    const keys = Object.keys(spec.key);
    const lookup = spec.lookup ?? keys.map((column, i) => `${column} = $${i + 1}`).join(' AND ');
    const found: { id: string }[] = await this.db.query(
      `SELECT id FROM "${spec.table}" WHERE ${lookup}`,
      Object.values(spec.key),
    );
    const id = found[0]?.id;
    if (!id) throw new Error(`seed: ${spec.table} ${JSON.stringify(spec.key)} was neither written nor found`);
    return id;
  }

  /** Upserts a row of a link table, whose key is its whole identity. */
  private async link(spec: Upsert): Promise<void> {
    await this.write(spec, '1 AS id');
  }

  /**
   * One INSERT … ON CONFLICT that writes only what differs, so an unchanged row is not even
   * rewritten. Returns the row if it was inserted or updated, nothing if it was already right.
   * Table and column names come from this file, never from input; values are parameters.
   */
  private async write(spec: Upsert, returning: string): Promise<{ id: string } | undefined> {
    const { table, key, set = {}, onInsert = {} } = spec;
    const row = { ...key, ...set, ...onInsert };
    const columns = Object.keys(row);
    const conflict = spec.conflict ?? `(${Object.keys(key).join(', ')})`;
    const changed = Object.keys(set);
    const onConflict = changed.length
      ? `DO UPDATE SET ${changed.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
         WHERE (${changed.map((c) => `"${table}".${c}`).join(', ')})
           IS DISTINCT FROM (${changed.map((c) => `EXCLUDED.${c}`).join(', ')})`
      : 'DO NOTHING';
    const rows: { id: string; inserted: boolean }[] = await this.db.query(
      `INSERT INTO "${table}" (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT ${conflict} ${onConflict}
       RETURNING ${returning}, (xmax = 0) AS inserted`,
      Object.values(row),
    );
    const written = rows[0];
    if (!written) return undefined;
    if (written.inserted) this.summary.inserted += 1;
    else this.summary.updated += 1;
    return written;
  }
}
