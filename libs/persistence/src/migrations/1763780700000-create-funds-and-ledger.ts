import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funds and their append-only ledger (issue 5; ARCHITECTURE.md, "Funds and money").
 *
 * - `fund`: each district's Netzwerkfonds, and per QM area its Aktions-, Projekt- and Baufonds.
 * - `fund_year`: one row per fund and programme year. Every posting locks this row
 *   (`SELECT … FOR UPDATE`) before it reads the balance, so two approvals at the same instant are
 *   checked one after the other and cannot overspend.
 * - `ledger_entry`: append-only (the shared `forbid_mutation()` trigger). Amounts are positive;
 *   the kind decides the direction, a budget amendment says it with `direction`. A reversal
 *   cancels one earlier entry in full and mirrors it (fund, years, amount, project; the cancelled
 *   kind in `reversed_kind`), so every row states its own effect.
 * - `fund_year_balance`, `fund_cash_year_balance`, `ledger_project_balance`: counters the posting
 *   service updates in the same transaction as each entry, so reading a balance never sums the
 *   ledger. Their CHECKs repeat the invariants (committed ≤ budget; per project paid ≤ committed,
 *   repaid ≤ disbursed) as the last line of defence behind the service's checks.
 * - `ledger_entry_effect`: each entry as signed changes of the counters, for audits ("the counters
 *   equal the sums of the entries"), exports and reports.
 * - `tracked_project`: projects of the tracked funds, recorded by finance staff.
 * - `base_rate`: the Basiszinssatz table (§ 247 BGB) for repayment interest, kept by finance.
 *
 * Value lists are copied, not imported, from the code: a migration is a frozen snapshot.
 */
export class CreateFundsAndLedger1763780700000 implements MigrationInterface {
  name = 'CreateFundsAndLedger1763780700000';

  async up(db: QueryRunner): Promise<void> {
    // Lets a tracked project reference an action field of its own district only.
    await db.query(
      `ALTER TABLE action_field ADD CONSTRAINT action_field_district_id_unique UNIQUE (district_id, id)`,
    );

    await db.query(`
      CREATE TABLE fund (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid NOT NULL REFERENCES district (id),
        kind text NOT NULL CHECK (kind IN ('netzwerkfonds', 'aktionsfonds', 'projektfonds', 'baufonds')),
        area_id uuid,
        name text NOT NULL CHECK (btrim(name) <> ''),
        CONSTRAINT fund_area_same_district_fk FOREIGN KEY (district_id, area_id) REFERENCES area (district_id, id),
        -- The Netzwerkfonds belongs to the whole district; the tracked funds to one QM area each.
        CONSTRAINT fund_area_matches_kind CHECK ((kind = 'netzwerkfonds') = (area_id IS NULL)),
        CONSTRAINT fund_unique UNIQUE NULLS NOT DISTINCT (district_id, kind, area_id),
        CONSTRAINT fund_id_kind_unique UNIQUE (id, kind),
        CONSTRAINT fund_identity_unique UNIQUE (id, district_id, kind)
      )`);
    await db.query(`
      CREATE FUNCTION fund_area_is_qm_area() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.area_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM area WHERE id = NEW.area_id AND kind = 'qm_area') THEN
          RAISE EXCEPTION 'fund: Aktions-, Projekt- and Baufonds belong to a QM area' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER fund_area_kind BEFORE INSERT OR UPDATE OF area_id ON fund
      FOR EACH ROW EXECUTE FUNCTION fund_area_is_qm_area()`);
    // The ledger's rules depend on a fund's kind and district: they are fixed once the fund exists.
    await db.query(`
      CREATE FUNCTION forbid_fund_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'fund %: district, kind and area cannot change', OLD.id USING ERRCODE = 'restrict_violation';
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER fund_identity_fixed BEFORE UPDATE OF district_id, kind, area_id ON fund
      FOR EACH ROW WHEN (
        OLD.district_id IS DISTINCT FROM NEW.district_id OR OLD.kind IS DISTINCT FROM NEW.kind
        OR OLD.area_id IS DISTINCT FROM NEW.area_id
      ) EXECUTE FUNCTION forbid_fund_identity_change()`);

    await db.query(`
      CREATE TABLE fund_year (
        fund_id uuid NOT NULL REFERENCES fund (id),
        programme_year integer NOT NULL CHECK (programme_year BETWEEN 2000 AND 2100),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, programme_year)
      )`);

    await db.query(`
      CREATE TABLE fund_year_balance (
        fund_id uuid NOT NULL,
        programme_year integer NOT NULL,
        budget_cents bigint NOT NULL DEFAULT 0,
        committed_cents bigint NOT NULL DEFAULT 0,
        disbursed_cents bigint NOT NULL DEFAULT 0,
        repaid_cents bigint NOT NULL DEFAULT 0,
        entry_count bigint NOT NULL DEFAULT 0 CHECK (entry_count >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, programme_year),
        CONSTRAINT fund_year_balance_fund_year_fk FOREIGN KEY (fund_id, programme_year)
          REFERENCES fund_year (fund_id, programme_year),
        CONSTRAINT fund_year_balance_committed_within_budget CHECK (committed_cents <= budget_cents),
        CONSTRAINT fund_year_balance_committed_not_negative CHECK (committed_cents >= 0),
        CONSTRAINT fund_year_balance_disbursed_within_commitment CHECK (disbursed_cents - repaid_cents <= committed_cents),
        CONSTRAINT fund_year_balance_repaid_within_disbursed CHECK (repaid_cents >= 0 AND repaid_cents <= disbursed_cents)
      )`);

    await db.query(`
      CREATE TABLE fund_cash_year_balance (
        fund_id uuid NOT NULL,
        programme_year integer NOT NULL,
        cash_year integer NOT NULL,
        planned_cents bigint NOT NULL DEFAULT 0,
        disbursed_cents bigint NOT NULL DEFAULT 0 CHECK (disbursed_cents >= 0),
        repaid_cents bigint NOT NULL DEFAULT 0 CHECK (repaid_cents >= 0),
        PRIMARY KEY (fund_id, programme_year, cash_year),
        CONSTRAINT fund_cash_year_balance_fund_year_fk FOREIGN KEY (fund_id, programme_year)
          REFERENCES fund_year (fund_id, programme_year),
        CONSTRAINT fund_cash_year_balance_year_valid CHECK (cash_year >= programme_year AND cash_year <= 2100)
      )`);

    await db.query(`
      CREATE TABLE tracked_project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        district_id uuid NOT NULL,
        fund_id uuid NOT NULL,
        fund_kind text NOT NULL CHECK (fund_kind IN ('aktionsfonds', 'projektfonds', 'baufonds')),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        title text NOT NULL CHECK (btrim(title) <> ''),
        area_id uuid NOT NULL,
        action_field_id uuid,
        decision_date date NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        CONSTRAINT tracked_project_fund_fk FOREIGN KEY (fund_id, district_id, fund_kind)
          REFERENCES fund (id, district_id, kind),
        CONSTRAINT tracked_project_area_same_district_fk FOREIGN KEY (district_id, area_id)
          REFERENCES area (district_id, id),
        CONSTRAINT tracked_project_action_field_same_district_fk FOREIGN KEY (district_id, action_field_id)
          REFERENCES action_field (district_id, id),
        CONSTRAINT tracked_project_period_valid CHECK (period_end >= period_start),
        CONSTRAINT tracked_project_id_fund_unique UNIQUE (id, fund_id)
      )`);
    await db.query(`CREATE INDEX tracked_project_fund_idx ON tracked_project (fund_id)`);
    // For the double-funding check: a carrier's projects by period.
    await db.query(
      `CREATE INDEX tracked_project_organisation_period_idx ON tracked_project (organisation_id, period_start, period_end)`,
    );

    await db.query(`
      CREATE TABLE ledger_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        created_at timestamptz NOT NULL DEFAULT now(),
        fund_id uuid NOT NULL,
        fund_kind text NOT NULL,
        programme_year integer NOT NULL,
        cash_year integer NOT NULL,
        kind text NOT NULL CHECK (kind IN (
          'budget', 'budget_amendment', 'commitment', 'decommitment', 'disbursement', 'repayment', 'reversal'
        )),
        direction text CHECK (direction IN ('increase', 'decrease')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        application_id uuid REFERENCES application (id),
        tracked_project_id uuid,
        call_off_ref text CHECK (btrim(call_off_ref) <> ''),
        grant_notice_ref text CHECK (btrim(grant_notice_ref) <> ''),
        actor_id uuid NOT NULL REFERENCES app_user (id),
        reason text,
        reverses_entry_id uuid REFERENCES ledger_entry (id),
        reversed_kind text CHECK (reversed_kind IN (
          'budget', 'budget_amendment', 'commitment', 'decommitment', 'disbursement', 'repayment'
        )),
        CONSTRAINT ledger_entry_seq_unique UNIQUE (seq),
        CONSTRAINT ledger_entry_fund_year_fk FOREIGN KEY (fund_id, programme_year)
          REFERENCES fund_year (fund_id, programme_year),
        CONSTRAINT ledger_entry_fund_kind_fk FOREIGN KEY (fund_id, fund_kind) REFERENCES fund (id, kind),
        CONSTRAINT ledger_entry_tracked_project_same_fund_fk FOREIGN KEY (tracked_project_id, fund_id)
          REFERENCES tracked_project (id, fund_id),
        CONSTRAINT ledger_entry_cash_year_valid CHECK (cash_year >= programme_year AND cash_year <= 2100),
        CONSTRAINT ledger_entry_reversal_references CHECK (
          (kind = 'reversal') = (reverses_entry_id IS NOT NULL)
          AND (kind = 'reversal') = (reversed_kind IS NOT NULL)
        ),
        CONSTRAINT ledger_entry_direction_only_for_amendments CHECK (
          (coalesce(reversed_kind, kind) = 'budget_amendment') = (direction IS NOT NULL)
        ),
        CONSTRAINT ledger_entry_project_matches_kind CHECK (
          (application_id IS NULL OR tracked_project_id IS NULL)
          AND (coalesce(reversed_kind, kind) IN ('budget', 'budget_amendment'))
            = (application_id IS NULL AND tracked_project_id IS NULL)
        ),
        -- A Netzwerkfonds application is only ever paid from a Netzwerkfonds, and the Netzwerkfonds
        -- only ever pays its applications (DOMAIN.md, fund table).
        CONSTRAINT ledger_entry_applications_only_in_netzwerkfonds CHECK (
          (application_id IS NULL OR fund_kind = 'netzwerkfonds')
          AND (tracked_project_id IS NULL OR fund_kind <> 'netzwerkfonds')
        ),
        CONSTRAINT ledger_entry_reason_for_amendments_and_reversals CHECK (
          kind NOT IN ('budget_amendment', 'reversal') OR btrim(coalesce(reason, '')) <> ''
        )
      )`);
    await db.query(`CREATE INDEX ledger_entry_fund_year_idx ON ledger_entry (fund_id, programme_year, seq)`);
    await db.query(
      `CREATE INDEX ledger_entry_application_idx ON ledger_entry (application_id) WHERE application_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX ledger_entry_tracked_project_idx ON ledger_entry (tracked_project_id) WHERE tracked_project_id IS NOT NULL`,
    );
    // An entry is cancelled at most once.
    await db.query(
      `CREATE UNIQUE INDEX ledger_entry_reversed_once ON ledger_entry (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
      FOR EACH ROW EXECUTE FUNCTION forbid_mutation()`);
    await db.query(`
      CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation()`);

    // What a CHECK cannot see because it lies in another row: a reversal mirrors the entry it
    // cancels, and an application is paid only from its own district's fund.
    await db.query(`
      CREATE FUNCTION ledger_entry_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        original ledger_entry%ROWTYPE;
      BEGIN
        IF NEW.kind = 'reversal' THEN
          SELECT * INTO original FROM ledger_entry WHERE id = NEW.reverses_entry_id;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'ledger_entry: the entry to reverse does not exist' USING ERRCODE = 'foreign_key_violation';
          END IF;
          IF original.kind = 'reversal' THEN
            RAISE EXCEPTION 'ledger_entry: a reversal cannot be reversed; book the entry anew'
              USING ERRCODE = 'check_violation';
          END IF;
          IF (original.fund_id, original.programme_year, original.cash_year, original.amount_cents, original.kind,
              original.direction, original.application_id, original.tracked_project_id)
             IS DISTINCT FROM
             (NEW.fund_id, NEW.programme_year, NEW.cash_year, NEW.amount_cents, NEW.reversed_kind,
              NEW.direction, NEW.application_id, NEW.tracked_project_id) THEN
            RAISE EXCEPTION 'ledger_entry: a reversal must mirror the entry it cancels' USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        IF NEW.application_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM application a
          JOIN call c ON c.id = a.call_id
          JOIN fund f ON f.id = NEW.fund_id
          WHERE a.id = NEW.application_id AND c.district_id = f.district_id AND c.fund_kind = f.kind
        ) THEN
          RAISE EXCEPTION 'ledger_entry: the application is not in a call of this fund''s district and kind'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await db.query(`
      CREATE TRIGGER ledger_entry_references BEFORE INSERT ON ledger_entry
      FOR EACH ROW WHEN (NEW.kind = 'reversal' OR NEW.application_id IS NOT NULL)
      EXECUTE FUNCTION ledger_entry_check_references()`);

    await db.query(`
      CREATE TABLE ledger_project_balance (
        fund_id uuid NOT NULL,
        programme_year integer NOT NULL,
        project_id uuid NOT NULL,
        application_id uuid REFERENCES application (id),
        tracked_project_id uuid REFERENCES tracked_project (id),
        committed_cents bigint NOT NULL DEFAULT 0,
        disbursed_cents bigint NOT NULL DEFAULT 0,
        repaid_cents bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (fund_id, programme_year, project_id),
        CONSTRAINT ledger_project_balance_fund_year_fk FOREIGN KEY (fund_id, programme_year)
          REFERENCES fund_year (fund_id, programme_year),
        CONSTRAINT ledger_project_balance_one_project CHECK (
          (application_id IS NULL) <> (tracked_project_id IS NULL)
          AND project_id = coalesce(application_id, tracked_project_id)
        ),
        CONSTRAINT ledger_project_balance_disbursed_within_commitment CHECK (
          disbursed_cents >= 0 AND disbursed_cents - repaid_cents <= committed_cents
        ),
        CONSTRAINT ledger_project_balance_repaid_within_disbursed CHECK (
          repaid_cents >= 0 AND repaid_cents <= disbursed_cents
        )
      )`);
    await db.query(
      `CREATE INDEX ledger_project_balance_tracked_project_idx ON ledger_project_balance (tracked_project_id)
       WHERE tracked_project_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX ledger_project_balance_application_idx ON ledger_project_balance (application_id)
       WHERE application_id IS NOT NULL`,
    );

    await db.query(`
      CREATE VIEW ledger_entry_effect AS
      SELECT e.id, e.seq, e.created_at, e.fund_id, e.programme_year, e.cash_year, e.kind,
             coalesce(e.application_id, e.tracked_project_id) AS project_id,
             s.sign * CASE
               WHEN s.effective = 'budget' THEN e.amount_cents
               WHEN s.effective = 'budget_amendment' AND e.direction = 'increase' THEN e.amount_cents
               WHEN s.effective = 'budget_amendment' THEN -e.amount_cents
               ELSE 0 END AS budget_cents,
             s.sign * CASE s.effective
               WHEN 'commitment' THEN e.amount_cents WHEN 'decommitment' THEN -e.amount_cents
               ELSE 0 END AS committed_cents,
             s.sign * CASE s.effective WHEN 'disbursement' THEN e.amount_cents ELSE 0 END AS disbursed_cents,
             s.sign * CASE s.effective WHEN 'repayment' THEN e.amount_cents ELSE 0 END AS repaid_cents
      FROM ledger_entry e
      CROSS JOIN LATERAL (
        SELECT coalesce(e.reversed_kind, e.kind) AS effective,
               CASE WHEN e.kind = 'reversal' THEN -1 ELSE 1 END AS sign
      ) s`);

    await db.query(`
      CREATE TABLE base_rate (
        valid_from date PRIMARY KEY,
        rate_basis_points integer NOT NULL CHECK (rate_basis_points BETWEEN -10000 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE base_rate`);
    await db.query(`DROP VIEW ledger_entry_effect`);
    await db.query(`DROP TABLE ledger_project_balance`);
    await db.query(`DROP TABLE ledger_entry`);
    await db.query(`DROP FUNCTION ledger_entry_check_references()`);
    await db.query(`DROP TABLE tracked_project`);
    await db.query(`DROP TABLE fund_cash_year_balance`);
    await db.query(`DROP TABLE fund_year_balance`);
    await db.query(`DROP TABLE fund_year`);
    await db.query(`DROP TABLE fund`);
    await db.query(`DROP FUNCTION forbid_fund_identity_change()`);
    await db.query(`DROP FUNCTION fund_area_is_qm_area()`);
    await db.query(`ALTER TABLE action_field DROP CONSTRAINT action_field_district_id_unique`);
  }
}
