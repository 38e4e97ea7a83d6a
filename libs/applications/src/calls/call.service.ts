import { Injectable } from '@nestjs/common';
import {
  callAmountProblems,
  callMinimum,
  ConflictError,
  type ErrorDetail,
  ForbiddenError,
  Money,
  NotFoundError,
  ValidationError,
} from '@kiezfonds/domain';
import { districtsWhere, type Principal } from '@kiezfonds/identity';
import { recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import type { Page } from '@kiezfonds/platform';
import type { CallFieldsDto, CreateCallDto } from '../http/dtos/call.dto';
import type { Db } from '../scope/application-scope';
import { type CheckedFile } from '../files/file-check';
import { stagedContent, takeStaged } from '../files/staged-upload-storage';

export type CallStatus = 'draft' | 'open' | 'closed';

export interface RequiredAttachment {
  key: string;
  label: string;
}

export interface CallView {
  id: string;
  districtId: string;
  districtName: string;
  fundKind: 'netzwerkfonds';
  /** The district's Netzwerkfonds, which pays the call's applications; null until finance creates it. */
  fundId: string | null;
  programmeYear: number;
  title: string;
  description: string;
  status: CallStatus;
  expectedBudgetCents: string;
  submissionDeadline: string;
  /** Never below the Netzwerkfonds floor of 50 000 €, which is also the default. */
  minAmountCents: string;
  maxAmountCents: string | null;
  actionFields: { id: string; name: string }[];
  areas: { id: string; name: string }[];
  requiredAttachments: RequiredAttachment[];
  documents: { id: string; title: string; fileName: string; contentType: string; sizeBytes: number }[];
  openedAt: string | null;
  closedAt: string | null;
}

interface CallRow {
  id: string;
  district_id: string;
  district_name: string;
  fund_id: string | null;
  programme_year: number;
  title: string;
  description: string;
  status: CallStatus;
  expected_budget_cents: string;
  submission_deadline: Date;
  min_amount_cents: string;
  max_amount_cents: string | null;
  required_attachments: RequiredAttachment[];
  opened_at: Date | null;
  closed_at: Date | null;
}

const CALL_COLUMNS = `c.id, c.district_id, d.name AS district_name, f.id AS fund_id, c.programme_year, c.title,
  c.description, c.status, c.expected_budget_cents::text AS expected_budget_cents, c.submission_deadline,
  c.min_amount_cents::text AS min_amount_cents, c.max_amount_cents::text AS max_amount_cents,
  c.required_attachments, c.opened_at, c.closed_at`;

const CALL_FROM = `call c JOIN district d ON d.id = c.district_id
  LEFT JOIN fund f ON f.district_id = c.district_id AND f.kind = 'netzwerkfonds'`;

/**
 * Calls (Aufrufe): coordinators create, change, open and close their district's calls; everyone
 * signed in reads open and closed calls (carriers apply Berlin-wide), staff also their district's
 * drafts.
 */
@Injectable()
export class CallService {
  constructor(private readonly dataSource: DataSource) {}

  /** Which calls the caller sees: open and closed ones everywhere, drafts of the own districts. */
  private visibility(principal: Principal, first: number): { sql: string; params: unknown[] } {
    const staff = districtsWhere(principal, 'coordinator', 'finance', 'admin', 'board_member');
    return { sql: `(c.status <> 'draft' OR c.district_id = ANY($${first}::uuid[]))`, params: [staff] };
  }

  async list(
    principal: Principal,
    filter: { status?: CallStatus; districtId?: string },
    page: Page,
  ): Promise<{ items: CallView[]; total: number }> {
    const visible = this.visibility(principal, 1);
    const params: unknown[] = [...visible.params];
    const where = [visible.sql];
    if (filter.status) {
      params.push(filter.status);
      where.push(`c.status = $${params.length}`);
    }
    if (filter.districtId) {
      params.push(filter.districtId);
      where.push(`c.district_id = $${params.length}`);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${CALL_COLUMNS}, count(*) OVER () AS total FROM ${CALL_FROM}
       WHERE ${where.join(' AND ')}
       ORDER BY c.status = 'open' DESC, c.submission_deadline DESC, c.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    )) as (CallRow & { total: string })[];
    const items = await this.views(this.dataSource, rows);
    return { items, total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async get(principal: Principal, id: string, db: Db = this.dataSource): Promise<CallView> {
    const visible = this.visibility(principal, 2);
    const [row] = (await db.query(
      `SELECT ${CALL_COLUMNS} FROM ${CALL_FROM} WHERE c.id = $1 AND ${visible.sql}`,
      [id, ...visible.params],
    )) as CallRow[];
    if (!row) throw new NotFoundError(APPLICATIONS_ERROR_CODES.callNotFound);
    return this.view(db, row);
  }

  async create(principal: Principal, input: CreateCallDto, requestId: string | null): Promise<CallView> {
    this.mustCoordinate(principal, input.districtId);
    return this.dataSource.transaction(async (tx) => {
      await this.checkLinks(tx, input.districtId, input);
      const [row] = (await tx
        .query(
          `INSERT INTO call (district_id, fund_kind, programme_year, title, description, expected_budget_cents,
             submission_deadline, min_amount_cents, max_amount_cents, required_attachments)
           VALUES ($1, 'netzwerkfonds', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [input.districtId, ...this.columns(input)],
        )
        .catch(refuseTakenTitle)) as { id: string }[];
      await this.link(tx, row!.id, input);
      await recordAudit(tx, {
        entityType: 'call',
        entityId: row!.id,
        action: 'call_created',
        actorId: principal.userId,
        districtId: input.districtId,
        toState: 'draft',
        requestId,
        payload: { programmeYear: input.programmeYear, title: input.title },
      });
      return this.get(principal, row!.id, tx);
    });
  }

  async update(
    principal: Principal,
    id: string,
    input: CallFieldsDto,
    requestId: string | null,
  ): Promise<CallView> {
    return this.dataSource.transaction(async (tx) => {
      const call = await this.lockForCoordinator(tx, principal, id);
      if (call.status === 'closed') {
        throw new ConflictError(APPLICATIONS_ERROR_CODES.callStatusConflict, ['open'], {
          status: call.status,
        });
      }
      if (input.programmeYear !== call.programme_year) {
        // Applications' file numbers carry the programme year (ADR 0014), and their budget is that year's.
        const [taken] = (await tx.query(`SELECT 1 FROM application WHERE call_id = $1 LIMIT 1`, [
          id,
        ])) as unknown[];
        if (taken) {
          throw new ConflictError(APPLICATIONS_ERROR_CODES.programmeYearFixed, [], {
            programmeYear: call.programme_year,
          });
        }
      }
      await this.checkLinks(tx, call.district_id, input);
      await tx
        .query(
          `UPDATE call SET programme_year = $2, title = $3, description = $4, expected_budget_cents = $5,
             submission_deadline = $6, min_amount_cents = $7, max_amount_cents = $8, required_attachments = $9,
             updated_at = now()
           WHERE id = $1`,
          [id, ...this.columns(input)],
        )
        .catch(refuseTakenTitle);
      await tx.query(`DELETE FROM call_action_field WHERE call_id = $1`, [id]);
      await tx.query(`DELETE FROM call_area WHERE call_id = $1`, [id]);
      await this.link(tx, id, input);
      await recordAudit(tx, {
        entityType: 'call',
        entityId: id,
        action: 'call_changed',
        actorId: principal.userId,
        districtId: call.district_id,
        requestId,
        payload: { submissionDeadline: input.submissionDeadline, title: input.title },
      });
      return this.get(principal, id, tx);
    });
  }

  /** draft → open → closed; opening needs a deadline still ahead. */
  async changeStatus(
    principal: Principal,
    id: string,
    to: 'open' | 'closed',
    requestId: string | null,
  ): Promise<CallView> {
    return this.dataSource.transaction(async (tx) => {
      const call = await this.lockForCoordinator(tx, principal, id);
      const from = to === 'open' ? 'draft' : 'open';
      if (call.status !== from) {
        const allowed = call.status === 'draft' ? ['open'] : call.status === 'open' ? ['close'] : [];
        throw new ConflictError(APPLICATIONS_ERROR_CODES.callStatusConflict, allowed, {
          status: call.status,
        });
      }
      if (to === 'open' && call.submission_deadline.getTime() <= Date.now()) {
        throw new ValidationError([{ field: 'submissionDeadline', rule: 'inFuture' }]);
      }
      await tx.query(
        `UPDATE call SET status = $2, ${to === 'open' ? 'opened_at' : 'closed_at'} = now(), updated_at = now()
         WHERE id = $1`,
        [id, to],
      );
      await recordAudit(tx, {
        entityType: 'call',
        entityId: id,
        action: to === 'open' ? 'call_opened' : 'call_closed',
        actorId: principal.userId,
        districtId: call.district_id,
        fromState: call.status,
        toState: to,
        requestId,
      });
      return this.get(principal, id, tx);
    });
  }

  async addDocument(
    principal: Principal,
    callId: string,
    title: string,
    file: CheckedFile,
    requestId: string | null,
  ): Promise<CallView> {
    return this.dataSource.transaction(async (tx) => {
      const call = await this.lockForCoordinator(tx, principal, callId);
      const [row] = (await tx.query(
        `INSERT INTO call_document (call_id, title, file_name, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, ${stagedContent('$7')}, $8) RETURNING id`,
        [
          callId,
          title,
          file.fileName,
          file.contentType,
          file.sizeBytes,
          file.sha256,
          file.stagedAs,
          principal.userId,
        ],
      )) as { id: string }[];
      await takeStaged(tx, file.stagedAs);
      await recordAudit(tx, {
        entityType: 'call',
        entityId: callId,
        action: 'call_document_added',
        actorId: principal.userId,
        districtId: call.district_id,
        requestId,
        payload: { documentId: row!.id, fileName: file.fileName, sha256: file.sha256 },
      });
      return this.get(principal, callId, tx);
    });
  }

  async document(
    principal: Principal,
    callId: string,
    documentId: string,
  ): Promise<{ fileName: string; contentType: string; content: Buffer; sha256: string }> {
    await this.get(principal, callId);
    const [row] = (await this.dataSource.query(
      `SELECT file_name, content_type, content, sha256 FROM call_document WHERE id = $1 AND call_id = $2`,
      [documentId, callId],
    )) as { file_name: string; content_type: string; content: Buffer; sha256: string }[];
    if (!row) throw new NotFoundError(APPLICATIONS_ERROR_CODES.fileNotFound);
    return {
      fileName: row.file_name,
      contentType: row.content_type,
      content: row.content,
      sha256: row.sha256,
    };
  }

  private mustCoordinate(principal: Principal, districtId: string): void {
    if (!districtsWhere(principal, 'coordinator').includes(districtId)) throw new ForbiddenError();
  }

  private async lockForCoordinator(
    tx: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<{ district_id: string; status: CallStatus; submission_deadline: Date; programme_year: number }> {
    const [call] = (await tx.query(
      `SELECT district_id, status, submission_deadline, programme_year FROM call
        WHERE id = $1 AND district_id = ANY($2::uuid[])
       FOR UPDATE`,
      [id, districtsWhere(principal, 'coordinator')],
    )) as { district_id: string; status: CallStatus; submission_deadline: Date; programme_year: number }[];
    if (!call) throw new NotFoundError(APPLICATIONS_ERROR_CODES.callNotFound);
    return call;
  }

  private columns(input: CallFieldsDto): unknown[] {
    const { min, max } = amounts(input);
    return [
      input.programmeYear,
      input.title,
      input.description ?? '',
      Money.fromCents(input.expectedBudgetCents).toString(),
      new Date(input.submissionDeadline),
      // A call without a minimum asks for what the Netzwerkfonds funds at least.
      callMinimum(min).toString(),
      max?.toString() ?? null,
      JSON.stringify(input.requiredAttachments ?? []),
    ];
  }

  /**
   * What the DTO cannot check alone, all reported at once (400): the amount range (not below the
   * Netzwerkfonds floor), and action fields and areas that must be the district's own.
   */
  private async checkLinks(tx: EntityManager, districtId: string, input: CallFieldsDto): Promise<void> {
    const { min, max } = amounts(input);
    const problems: ErrorDetail[] = [...callAmountProblems(min, max)];
    for (const [field, table, ids] of [
      ['actionFieldIds', 'action_field', input.actionFieldIds],
      ['areaIds', 'area', input.areaIds],
    ] as const) {
      const unique = [...new Set(ids)];
      const [{ count }] = (await tx.query(
        `SELECT count(*)::int AS count FROM ${table} WHERE id = ANY($1::uuid[]) AND district_id = $2`,
        [unique, districtId],
      )) as [{ count: number }];
      if (count !== unique.length) problems.push({ field, rule: 'notInDistrict' });
    }
    if (input.actionFieldIds.length === 0) problems.push({ field: 'actionFieldIds', rule: 'required' });
    if (input.areaIds.length === 0) problems.push({ field: 'areaIds', rule: 'required' });
    const keys = (input.requiredAttachments ?? []).map((a) => a.key);
    if (new Set(keys).size !== keys.length) problems.push({ field: 'requiredAttachments', rule: 'unique' });
    if (problems.length > 0) throw new ValidationError(problems);
  }

  private async link(tx: EntityManager, callId: string, input: CallFieldsDto): Promise<void> {
    await tx.query(
      `INSERT INTO call_action_field (call_id, action_field_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [callId, input.actionFieldIds],
    );
    await tx.query(
      `INSERT INTO call_area (call_id, area_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [callId, input.areaIds],
    );
  }

  private async view(db: Db, row: CallRow): Promise<CallView> {
    return (await this.views(db, [row]))[0]!;
  }

  /**
   * Calls with their action fields, areas and documents: three queries for any number of calls,
   * one after the other, because `db` may be a transaction's single connection.
   */
  private async views(db: Db, rows: readonly CallRow[]): Promise<CallView[]> {
    const ids = rows.map((r) => r.id);
    const actionFields = (await db.query(
      `SELECT l.call_id, af.id, af.name FROM call_action_field l JOIN action_field af ON af.id = l.action_field_id
       WHERE l.call_id = ANY($1::uuid[]) ORDER BY af.name`,
      [ids],
    )) as { call_id: string; id: string; name: string }[];
    const areas = (await db.query(
      `SELECT l.call_id, ar.id, ar.name FROM call_area l JOIN area ar ON ar.id = l.area_id
       WHERE l.call_id = ANY($1::uuid[]) ORDER BY ar.name`,
      [ids],
    )) as { call_id: string; id: string; name: string }[];
    const documents = (await db.query(
      `SELECT call_id, id, title, file_name, content_type, size_bytes FROM call_document
       WHERE call_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [ids],
    )) as {
      call_id: string;
      id: string;
      title: string;
      file_name: string;
      content_type: string;
      size_bytes: number;
    }[];
    const named = (list: { call_id: string; id: string; name: string }[], callId: string) =>
      list.filter((x) => x.call_id === callId).map(({ id, name }) => ({ id, name }));
    return rows.map((row) =>
      this.shape(
        row,
        named(actionFields, row.id),
        named(areas, row.id),
        documents.filter((d) => d.call_id === row.id),
      ),
    );
  }

  private shape(
    row: CallRow,
    actionFields: { id: string; name: string }[],
    areas: { id: string; name: string }[],
    documents: { id: string; title: string; file_name: string; content_type: string; size_bytes: number }[],
  ): CallView {
    return {
      id: row.id,
      districtId: row.district_id,
      districtName: row.district_name,
      fundKind: 'netzwerkfonds',
      fundId: row.fund_id,
      programmeYear: row.programme_year,
      title: row.title,
      description: row.description,
      status: row.status,
      expectedBudgetCents: row.expected_budget_cents,
      submissionDeadline: row.submission_deadline.toISOString(),
      minAmountCents: row.min_amount_cents,
      maxAmountCents: row.max_amount_cents,
      actionFields,
      areas,
      requiredAttachments: row.required_attachments,
      documents: documents.map((d) => ({
        id: d.id,
        title: d.title,
        fileName: d.file_name,
        contentType: d.content_type,
        sizeBytes: d.size_bytes,
      })),
      openedAt: row.opened_at?.toISOString() ?? null,
      closedAt: row.closed_at?.toISOString() ?? null,
    };
  }
}

function amounts(input: CallFieldsDto): { min: Money | null; max: Money | null } {
  return {
    min: input.minAmountCents === undefined ? null : Money.fromCents(input.minAmountCents),
    max: input.maxAmountCents === undefined ? null : Money.fromCents(input.maxAmountCents),
  };
}

/**
 * A district's calls of one fund and programme year have distinct titles (constraint
 * call_title_unique), so the list and the notices can tell them apart; a second one is a 409.
 */
function refuseTakenTitle(error: unknown): never {
  const driver = (error as { driverError?: { code?: unknown; constraint?: unknown } } | null)?.driverError;
  if (driver?.code === '23505' && driver.constraint === 'call_title_unique') {
    throw new ConflictError(APPLICATIONS_ERROR_CODES.callTitleTaken);
  }
  throw error;
}
