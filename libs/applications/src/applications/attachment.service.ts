import { Injectable } from '@nestjs/common';
import {
  type ApplicationState,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import { queryRows, recordAudit } from '@kiezfonds/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { APPLICATIONS_ERROR_CODES } from '../applications.exception';
import type { CheckedFile } from '../files/file-check';
import { stagedContent, takeStaged } from '../files/staged-upload-storage';
import { ApplicationScope } from '../scope/application-scope';
import { EDITABLE_STATES } from './application.service';

export interface AttachmentView {
  id: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

/** Attachments (Anlagen) of an application: kept while the content may change, then fixed with it. */
@Injectable()
export class AttachmentService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, applicationId: string): Promise<{ items: AttachmentView[] }> {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const rows = (await this.dataSource.query(
      `SELECT id, kind, file_name, content_type, size_bytes, sha256, created_at FROM application_attachment
       WHERE application_id = $1 ORDER BY created_at, id`,
      [scoped.id],
    )) as {
      id: string;
      kind: string;
      file_name: string;
      content_type: string;
      size_bytes: number;
      sha256: string;
      created_at: Date;
    }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        fileName: r.file_name,
        contentType: r.content_type,
        sizeBytes: r.size_bytes,
        sha256: r.sha256,
        uploadedAt: r.created_at.toISOString(),
      })),
    };
  }

  async add(
    principal: Principal,
    applicationId: string,
    kind: string,
    file: CheckedFile,
    requestId: string | null,
  ): Promise<AttachmentView> {
    if (!/^[a-z0-9_]{1,60}$/.test(kind))
      throw new ValidationError([{ field: 'kind', rule: 'attachmentKind' }]);
    return this.dataSource.transaction(async (tx) => {
      const scoped = await this.editable(tx, principal, applicationId);
      const [row] = (await tx.query(
        `INSERT INTO application_attachment (application_id, kind, file_name, content_type, size_bytes, sha256,
           content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, ${stagedContent('$7')}, $8) RETURNING id, created_at`,
        [
          scoped.id,
          kind,
          file.fileName,
          file.contentType,
          file.sizeBytes,
          file.sha256,
          file.stagedAs,
          principal.userId,
        ],
      )) as { id: string; created_at: Date }[];
      await takeStaged(tx, file.stagedAs);
      await recordAudit(tx, {
        entityType: 'application',
        entityId: scoped.id,
        action: 'attachment_added',
        actorId: principal.userId,
        districtId: scoped.districtId,
        requestId,
        payload: { attachmentId: row!.id, kind, fileName: file.fileName, sha256: file.sha256 },
      });
      return {
        id: row!.id,
        kind,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        uploadedAt: row!.created_at.toISOString(),
      };
    });
  }

  async remove(principal: Principal, applicationId: string, attachmentId: string, requestId: string | null) {
    await this.dataSource.transaction(async (tx) => {
      const scoped = await this.editable(tx, principal, applicationId);
      const [row] = await queryRows<{ file_name: string; sha256: string }>(
        tx,
        `DELETE FROM application_attachment WHERE id = $1 AND application_id = $2 RETURNING file_name, sha256`,
        [attachmentId, scoped.id],
      );
      if (!row) throw new NotFoundError(APPLICATIONS_ERROR_CODES.fileNotFound);
      await recordAudit(tx, {
        entityType: 'application',
        entityId: scoped.id,
        action: 'attachment_removed',
        actorId: principal.userId,
        districtId: scoped.districtId,
        requestId,
        payload: { attachmentId, fileName: row.file_name, sha256: row.sha256 },
      });
    });
  }

  async download(principal: Principal, applicationId: string, attachmentId: string) {
    const scoped = await ApplicationScope.of(principal).application(this.dataSource, applicationId);
    const [row] = (await this.dataSource.query(
      `SELECT file_name, content_type, content, sha256 FROM application_attachment WHERE id = $1 AND application_id = $2`,
      [attachmentId, scoped.id],
    )) as { file_name: string; content_type: string; content: Buffer; sha256: string }[];
    if (!row) throw new NotFoundError(APPLICATIONS_ERROR_CODES.fileNotFound);
    return {
      fileName: row.file_name,
      contentType: row.content_type,
      content: row.content,
      sha256: row.sha256,
    };
  }

  private async editable(tx: EntityManager, principal: Principal, applicationId: string) {
    const scope = ApplicationScope.of(principal);
    const scoped = await scope.application(tx, applicationId, { lock: true });
    if (!scope.isCarrierOf(scoped.organisationId)) throw new ForbiddenError('not_organisation_member');
    if (!EDITABLE_STATES.includes(scoped.state as ApplicationState)) {
      throw new ConflictError(APPLICATIONS_ERROR_CODES.contentLocked, [], { state: scoped.state });
    }
    return scoped;
  }
}
