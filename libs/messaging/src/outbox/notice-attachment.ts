import type { EntityManager } from 'typeorm';

export interface NoticeAttachmentRef {
  id: string;
  fileName: string;
}

/**
 * Stores a file for notices to carry, in the command's transaction: it exists exactly when the
 * notices naming it do. One file serves every recipient of the occasion.
 */
export async function storeNoticeAttachment(
  tx: EntityManager,
  file: { fileName: string; contentType: 'application/pdf'; content: Buffer },
): Promise<NoticeAttachmentRef> {
  const [row] = (await tx.query(
    `INSERT INTO notice_attachment (file_name, content_type, content) VALUES ($1, $2, $3) RETURNING id`,
    [file.fileName, file.contentType, file.content],
  )) as { id: string }[];
  return { id: row!.id, fileName: file.fileName };
}
