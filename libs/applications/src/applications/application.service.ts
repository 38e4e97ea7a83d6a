import { Injectable } from '@nestjs/common';
import {
  allowedEvents,
  type ApplicationContent,
  type ApplicationState,
  applicationWarnings,
  CONSECUTIVE_YEARS_LIMIT,
  ConflictError,
  contentIssueDetails,
  diffContent,
  draftContentSchema,
  ForbiddenError,
  NotFoundError,
  planTotals,
  ValidationError,
} from '@kiezfonds/domain';
import type { Page } from '@kiezfonds/platform';
import { DOUBLE_FUNDING_ROLES } from '@kiezfonds/funds';
import { districtsWhere, type Principal } from '@kiezfonds/identity';
import { OFFICE_ONLY_AUDIT_ACTIONS, recordAudit } from '@kiezfonds/persistence';
import { DataSource } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import { ApplicationScope, BOARD_VISIBLE_STATES, SENATE_VISIBLE_STATES } from '../scope/application-scope';
import { lifecycleFacts, planAdjustmentRequired, problemsOf } from './application-facts';
import { type ApplicationRecord, loadApplicationRecord } from './application-record';
import { predecessorIdProblem, predecessorOptions } from './predecessors';

/** States in which the carrier may change the content: writing, answering a change request, the full application. */
export const EDITABLE_STATES: readonly ApplicationState[] = ['draft', 'changes_requested', 'selected'];

export interface ApplicationListItem {
  id: string;
  reference: string;
  title: string;
  state: ApplicationState;
  organisationId: string;
  organisationName: string;
  callId: string;
  callTitle: string;
  districtId: string;
  requestedCents: string;
  submittedAt: string | null;
  updatedAt: string;
}

export interface ApplicationListPage {
  items: ApplicationListItem[];
  /** How many the filter finds, counted up to LIST_TOTAL_LIMIT. */
  total: number;
  /** True when there are more than LIST_TOTAL_LIMIT: `total` is then that limit. */
  totalCapped: boolean;
  /** Continues the list after this page (`?cursor=`); null on the last page. */
  nextCursor: string | null;
}

/** Lists count their rows up to here; beyond, "more than 1 000" is what a person needs to know. */
export const LIST_TOTAL_LIMIT = 1000;

/** One row of the application list as the query reads it. */
interface ListRow {
  id: string;
  reference: string;
  title: string;
  state: ApplicationState;
  organisation_id: string;
  organisation_name: string;
  call_id: string;
  call_title: string;
  district_id: string;
  requested_cents: string;
  submitted_at: Date | null;
  updated_at: Date;
  updated_micros: string;
}

const CURSOR = /^(\d{1,20}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** The last microsecond of the year 9999: no row changes later, and PostgreSQL computes with it. */
const LATEST_CURSOR_MICROS = 253_402_300_799_999_999n;

/** The position after a row: its change time in microseconds (exact, unlike a JS Date) and id. */
function encodeCursor(micros: string, id: string): string {
  return Buffer.from(`${micros}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { micros: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || BigInt(match[1]!) > LATEST_CURSOR_MICROS) {
    throw new ValidationError([{ field: 'cursor', rule: 'cursor' }]);
  }
  return { micros: match[1]!, id: match[2]! };
}

/**
 * Applications outside the lifecycle commands: create a draft, list, read with what the caller
 * may do next, save the content (autosave), submitted versions and their differences.
 */
@Injectable()
export class ApplicationService {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    principal: Principal,
    input: { callId: string; organisationId: string; title: string },
    requestId: string | null,
  ): Promise<{ id: string; reference: string }> {
    const scope = ApplicationScope.of(principal);
    if (!scope.isCarrierOf(input.organisationId)) throw new ForbiddenError('not_organisation_member');
    return this.dataSource.transaction(async (tx) => {
      const [call] = (await tx.query(
        `SELECT status, submission_deadline, district_id FROM call WHERE id = $1`,
        [input.callId],
      )) as { status: string; submission_deadline: Date; district_id: string }[];
      if (!call || call.status === 'draft') throw new NotFoundError(APPLICATIONS_ERROR_CODES.callNotFound);
      if (call.status !== 'open' || call.submission_deadline.getTime() <= Date.now()) {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.callNotOpen);
      }
      const [row] = (await tx.query(
        `INSERT INTO application (call_id, organisation_id, title, created_by) VALUES ($1, $2, $3, $4)
         RETURNING id, reference`,
        [input.callId, input.organisationId, input.title, principal.userId],
      )) as { id: string; reference: string }[];
      await recordAudit(tx, {
        entityType: 'application',
        entityId: row!.id,
        action: 'application_created',
        actorId: principal.userId,
        districtId: call.district_id,
        toState: 'draft',
        requestId,
        payload: { callId: input.callId, organisationId: input.organisationId },
      });
      return row!;
    });
  }

  /**
   * A page of the caller's applications, newest change first, without their content. Each part of
   * the caller's scope (own organisations; districts as staff; districts as board member) walks
   * its index in list order and stops after the page (ADR 0014); `cursor` continues after the
   * last row of a page (keyset), `page` skips pages (offset) for the web app's pager. The total is
   * counted up to LIST_TOTAL_LIMIT and then reported as capped, so a large district costs what a
   * small one does.
   */
  async list(
    principal: Principal,
    filter: { state?: ApplicationState; callId?: string; q?: string; cursor?: string },
    page: Page,
  ): Promise<ApplicationListPage> {
    const scope = ApplicationScope.of(principal);
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // One branch per organisation and district: an equality on the index's first column keeps
    // its order, so each branch reads no more than a page (`= ANY` of several would not).
    const branches: string[] = [];
    for (const organisationId of scope.organisationIds) {
      branches.push(`a.organisation_id = ${bind(organisationId)}::uuid`);
    }
    for (const districtId of scope.staffDistrictIds) {
      branches.push(`a.district_id = ${bind(districtId)}::uuid AND a.state <> 'draft'`);
    }
    // Staff of a district see all a board member there sees, and more.
    const boardOnly = scope.boardDistrictIds.filter((id) => !scope.staffDistrictIds.includes(id));
    if (boardOnly.length > 0) {
      const states = bind([...BOARD_VISIBLE_STATES]);
      for (const districtId of boardOnly) {
        branches.push(`a.district_id = ${bind(districtId)}::uuid AND a.state = ANY(${states}::text[])`);
      }
    }
    const senateOnly = scope.senateDistrictIds.filter((id) => !scope.staffDistrictIds.includes(id));
    if (senateOnly.length > 0) {
      const states = bind([...SENATE_VISIBLE_STATES]);
      for (const districtId of senateOnly) {
        branches.push(`a.district_id = ${bind(districtId)}::uuid AND a.state = ANY(${states}::text[])`);
      }
    }
    if (branches.length === 0) return { items: [], total: 0, totalCapped: false, nextCursor: null };
    const filters: string[] = [];
    if (filter.state) filters.push(`a.state = ${bind(filter.state)}`);
    if (filter.callId) filters.push(`a.call_id = ${bind(filter.callId)}`);
    if (filter.q) {
      const pattern = bind(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      filters.push(
        `(a.title ILIKE ${pattern} OR a.reference ILIKE ${pattern} OR a.former_reference ILIKE ${pattern})`,
      );
    }
    const where = (branch: string, extra: string[] = []) => [branch, ...filters, ...extra].join(' AND ');

    const countLimit = LIST_TOTAL_LIMIT + 1;
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
    const keyset = after
      ? [
          `(a.updated_at, a.id) < (timestamptz 'epoch' + ${bind(after.micros)}::bigint * interval '1 microsecond', ${bind(after.id)}::uuid)`,
        ]
      : [];
    const offset = after ? 0 : page.offset;
    // One row more than the page tells whether another page follows.
    const reach = bind(offset + page.limit + 1);
    // The capped total and the page in one statement, one round trip: the total rides on every
    // row, and on a single row of nulls when the page is empty.
    const found = (await this.dataSource.query(
      `WITH counted AS MATERIALIZED (
         SELECT count(*)::int AS n FROM (${branches
           .map((b) => `(SELECT a.id FROM application a WHERE ${where(b)} LIMIT ${countLimit})`)
           .join(' UNION ')}) visible),
       page AS MATERIALIZED (
         SELECT id, updated_at FROM (${branches
           .map(
             (b) =>
               `(SELECT a.id, a.updated_at FROM application a WHERE ${where(b, keyset)}
                  ORDER BY a.updated_at DESC, a.id DESC LIMIT ${reach})`,
           )
           .join(' UNION ')}) visible
         ORDER BY updated_at DESC, id DESC LIMIT ${bind(page.limit + 1)} OFFSET ${bind(offset)})
       SELECT counted.n AS total, p.* FROM counted LEFT JOIN LATERAL (
         SELECT a.id, a.reference, a.title, a.state, a.organisation_id, o.name AS organisation_name, a.call_id,
                c.title AS call_title, a.district_id, a.requested_cents::text AS requested_cents, a.submitted_at,
                a.updated_at, (extract(epoch FROM a.updated_at) * 1000000)::bigint::text AS updated_micros
           FROM page JOIN application a ON a.id = page.id JOIN call c ON c.id = a.call_id
           JOIN organisation o ON o.id = a.organisation_id) p ON true
        ORDER BY p.updated_at DESC, p.id DESC`,
      params,
    )) as ({ total: number } & (ListRow | { [K in keyof ListRow]: null }))[];
    const total = found[0]?.total ?? 0;
    const rows = found.filter((row): row is { total: number } & ListRow => row.id !== null);
    const more = rows.length > page.limit;
    const shown = rows.slice(0, page.limit);
    const last = shown.at(-1);
    return {
      total: Math.min(total, LIST_TOTAL_LIMIT),
      totalCapped: total > LIST_TOTAL_LIMIT,
      nextCursor: more && last ? encodeCursor(last.updated_micros, last.id) : null,
      items: shown.map((r) => ({
        id: r.id,
        reference: r.reference,
        title: r.title,
        state: r.state,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        callId: r.call_id,
        callTitle: r.call_title,
        districtId: r.district_id,
        requestedCents: r.requested_cents,
        submittedAt: r.submitted_at?.toISOString() ?? null,
        updatedAt: r.updated_at.toISOString(),
      })),
    };
  }

  async detail(principal: Principal, id: string) {
    const scope = ApplicationScope.of(principal);
    const scoped = await scope.application(this.dataSource, id);
    const record = await loadApplicationRecord(this.dataSource, scoped.id);
    return this.view(record, scope);
  }

  /** The detail answer: content, the caller's next events, what is missing, the plan's sums. */
  view(record: ApplicationRecord, scope: ApplicationScope) {
    const roles = scope.rolesFor(record);
    const facts = lifecycleFacts(record, roles, new Date());
    const totals = planTotals(record.content);
    return {
      id: record.id,
      reference: record.reference,
      title: record.title,
      state: record.state,
      version: record.version,
      organisation: { id: record.organisationId, name: record.organisationName },
      call: {
        id: record.callId,
        title: record.callTitle,
        districtId: record.districtId,
        districtName: record.districtName,
        programmeYear: record.programmeYear,
        submissionDeadline: record.submissionDeadline.toISOString(),
        minAmountCents: record.minAmountCents,
        maxAmountCents: record.maxAmountCents,
      },
      content: record.content,
      // Net for an organisation entitled to deduct input tax: its cost plan and settlement leave VAT out.
      costBasis: record.costBasis,
      totals: {
        costsCents: totals.costs.toString(),
        requestedCents: totals.requested.toString(),
        ownCents: totals.own.toString(),
        thirdPartyCents: totals.thirdParty.toString(),
      },
      problems: [...facts.problems],
      // What the coordinator's formal check looks at besides the problems: warnings that do not
      // refuse, and the chain of earlier projects the 5-year limit counts.
      formalCheck: {
        warnings: applicationWarnings(record.content),
        predecessors: record.predecessors,
        consecutiveYears: facts.fundingChain?.consecutiveYears ?? [],
        consecutiveYearsLimit: CONSECUTIVE_YEARS_LIMIT,
      },
      allowedEvents: allowedEvents(record.state, facts),
      editable: roles.includes('carrier') && EDITABLE_STATES.includes(record.state),
      planAdjustmentRequired: planAdjustmentRequired(record),
      senateAmountCents: record.senateAmountCents,
      approvedCents: record.approvedCents,
      approvedAt: record.approvedAt?.toISOString() ?? null,
      submittedAt: record.submittedAt?.toISOString() ?? null,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      openChangeRequest: record.openChangeRequest && {
        id: record.openChangeRequest.id,
        message: record.openChangeRequest.message,
        replyDeadline: record.openChangeRequest.replyDeadline.toISOString(),
        requestedAt: record.openChangeRequest.requestedAt.toISOString(),
      },
    };
  }

  /** Autosave: the carrier's content replaces the stored one when the caller read the latest version. */
  async saveContent(
    principal: Principal,
    id: string,
    input: { version: number; title?: string; content: Record<string, unknown> },
  ) {
    const parsed = draftContentSchema.safeParse(input.content);
    if (!parsed.success) throw new ValidationError(contentIssueDetails(parsed.error.issues));
    const content = parsed.data as ApplicationContent;
    const written = await this.writeContent(principal, id, input.version, () => content, input.title);
    // The autosave's answer leaves the content out: the caller sent it.
    return { version: written.version, updatedAt: written.updatedAt, problems: written.problems };
  }

  /**
   * Replaces the plans a spreadsheet import read (issue 19, item 4) and keeps the rest of the
   * content: one write, under the same version check as the autosave.
   */
  async replacePlans(
    principal: Principal,
    id: string,
    version: number,
    plans: Pick<ApplicationContent, 'costPlan' | 'financingPlan'>,
  ) {
    return this.writeContent(principal, id, version, (stored) => ({ ...stored, ...plans }));
  }

  /** The carrier's write of the content: locked, in an editable state, on the version the caller read. */
  private async writeContent(
    principal: Principal,
    id: string,
    version: number,
    next: (stored: ApplicationContent) => ApplicationContent,
    title?: string,
  ) {
    const scope = ApplicationScope.of(principal);
    return this.dataSource.transaction(async (tx) => {
      const scoped = await scope.application(tx, id, { lock: true });
      if (!scope.isCarrierOf(scoped.organisationId)) throw new ForbiddenError('not_organisation_member');
      if (!EDITABLE_STATES.includes(scoped.state as ApplicationState)) {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.contentLocked, [], { state: scoped.state });
      }
      if (scoped.version !== version) {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.versionConflict, [], { version: scoped.version });
      }
      const [stored] = (await tx.query(`SELECT content FROM application WHERE id = $1`, [id])) as {
        content: ApplicationContent;
      }[];
      const content = next(stored!.content);
      // A newly named predecessor must be one the carrier may continue; one named before stays
      // (the submit check still finds it missing if it is gone).
      if (content.predecessorId && content.predecessorId !== stored!.content.predecessorId) {
        const problem = await predecessorIdProblem(
          tx,
          { id, organisationId: scoped.organisationId, districtId: scoped.districtId },
          content.predecessorId,
        );
        if (problem) throw new ValidationError([problem]);
      }
      const totals = planTotals(content);
      await tx.query(
        `UPDATE application SET content = $2, title = COALESCE($3, title), requested_cents = $4,
           period_start = $5, period_end = $6, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [
          id,
          JSON.stringify(content),
          title ?? null,
          totals.requested.toString(),
          content.periodStart || null,
          content.periodEnd && content.periodStart && content.periodEnd >= content.periodStart
            ? content.periodEnd
            : null,
        ],
      );
      const record = await loadApplicationRecord(tx, id);
      return {
        version: record.version,
        updatedAt: record.updatedAt.toISOString(),
        problems: problemsOf(record),
        content: record.content,
      };
    });
  }

  /** The projects the application may name as the one it continues (issue 21: imported ones too). */
  async predecessorOptions(principal: Principal, id: string) {
    const scope = ApplicationScope.of(principal);
    const scoped = await scope.application(this.dataSource, id);
    const [row] = (await this.dataSource.query(
      `SELECT content->>'predecessorId' AS chosen FROM application WHERE id = $1`,
      [scoped.id],
    )) as { chosen: string | null }[];
    const chosen = row?.chosen && /^[0-9a-f-]{36}$/i.test(row.chosen) ? row.chosen : null;
    return {
      items: await predecessorOptions(
        this.dataSource,
        { id: scoped.id, organisationId: scoped.organisationId, districtId: scoped.districtId },
        chosen,
      ),
    };
  }

  /**
   * The timeline: every recorded step of the application, oldest first. The office's own notes
   * (the double-funding warning) only for the district's staff who may read the report itself.
   */
  async history(principal: Principal, id: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, id);
    const office = districtsWhere(principal, ...DOUBLE_FUNDING_ROLES).includes(scoped.districtId);
    const rows = (await this.dataSource.query(
      `SELECT e.occurred_at, e.action, e.from_state, e.to_state, e.payload, u.display_name AS actor_name
       FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
       WHERE e.entity_type = 'application' AND e.entity_id = $1 AND ($2 OR e.action <> ALL($3::text[]))
       ORDER BY e.occurred_at, e.id`,
      [scoped.id, office, OFFICE_ONLY_AUDIT_ACTIONS],
    )) as {
      occurred_at: Date;
      action: string;
      from_state: string | null;
      to_state: string | null;
      payload: Record<string, unknown>;
      actor_name: string | null;
    }[];
    return {
      items: rows.map((r) => ({
        at: r.occurred_at.toISOString(),
        action: r.action,
        event: typeof r.payload.event === 'string' ? r.payload.event : null,
        fromState: r.from_state,
        toState: r.to_state,
        actorName: r.actor_name,
        comment: typeof r.payload.comment === 'string' ? r.payload.comment : null,
      })),
    };
  }

  async versions(principal: Principal, id: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, id);
    const rows = (await this.dataSource.query(
      `SELECT v.number, v.title, v.submitted_at, u.display_name AS submitted_by
       FROM application_version v LEFT JOIN app_user u ON u.id = v.submitted_by
       WHERE v.application_id = $1 ORDER BY v.number`,
      [scoped.id],
    )) as { number: number; title: string; submitted_at: Date; submitted_by: string | null }[];
    return {
      items: rows.map((r) => ({
        number: r.number,
        title: r.title,
        submittedAt: r.submitted_at.toISOString(),
        submittedBy: r.submitted_by,
      })),
    };
  }

  async version(principal: Principal, id: string, number: number) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, id);
    return this.loadVersion(scoped.id, number);
  }

  /** What changed between two submitted versions (the coordinator's view of a reply). */
  async diff(principal: Principal, id: string, from: number, to: number) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, id);
    const [before, after] = await Promise.all([
      this.loadVersion(scoped.id, from),
      this.loadVersion(scoped.id, to),
    ]);
    const changes = diffContent(
      { title: before.title, ...before.content },
      { title: after.title, ...after.content },
    );
    return { from, to, changes };
  }

  async changeRequests(principal: Principal, id: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, id);
    const rows = (await this.dataSource.query(
      `SELECT cr.id, cr.message, cr.reply_deadline, cr.requested_at, cr.answered_at, cr.answered_version,
              u.display_name AS requested_by
       FROM change_request cr LEFT JOIN app_user u ON u.id = cr.requested_by
       WHERE cr.application_id = $1 ORDER BY cr.requested_at, cr.id`,
      [scoped.id],
    )) as {
      id: string;
      message: string;
      reply_deadline: Date;
      requested_at: Date;
      answered_at: Date | null;
      answered_version: number | null;
      requested_by: string | null;
    }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        message: r.message,
        replyDeadline: r.reply_deadline.toISOString(),
        requestedAt: r.requested_at.toISOString(),
        requestedBy: r.requested_by,
        answeredAt: r.answered_at?.toISOString() ?? null,
        answeredVersion: r.answered_version,
      })),
    };
  }

  private async loadVersion(applicationId: string, number: number) {
    const [row] = (await this.dataSource.query(
      `SELECT number, title, content, submitted_at FROM application_version WHERE application_id = $1 AND number = $2`,
      [applicationId, number],
    )) as { number: number; title: string; content: ApplicationContent; submitted_at: Date }[];
    if (!row) throw new NotFoundError(APPLICATIONS_ERROR_CODES.versionNotFound);
    return {
      number: row.number,
      title: row.title,
      content: row.content,
      submittedAt: row.submitted_at.toISOString(),
    };
  }
}
