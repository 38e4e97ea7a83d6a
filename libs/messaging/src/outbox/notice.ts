import { isNoticeKind, type NoticeKind } from '@kiezfonds/domain';
import { z } from 'zod';
import { secretLinkRefSchema } from '../secret-links/secret-links';

/** Who receives a notice: a user of the system, or (for invitations) an address without an account yet. */
export const noticeRecipientSchema = z.object({
  userId: z.uuid().nullable(),
  email: z.email(),
  name: z.string().min(1).max(200),
  locale: z.enum(['de', 'en']),
});

export const noticeSchema = z.object({
  kind: z.string().refine(isNoticeKind, { error: 'unknown notice kind' }),
  recipient: noticeRecipientSchema,
  data: z.record(z.string(), z.unknown()),
  district: z.object({ name: z.string(), contactEmail: z.email().optional() }).optional(),
  /** A path in the web app the notice points to, e.g. `/antraege/…`. */
  link: z
    .string()
    .startsWith('/')
    .refine((path) => !/[?&]token=/i.test(path), {
      error: 'a one-time secret never travels in a notice: use secretLink',
    })
    .optional(),
  /**
   * A one-time link (invitation, password reset, e-mail verification) by reference: the worker
   * derives its secret only while rendering the mail, and the in-app notice carries no link.
   */
  secretLink: secretLinkRefSchema.optional(),
  /**
   * For a notice about a deadline (a reminder): the entity and the deadline as they were when it
   * was queued; delivery checks them again and drops the notice when they no longer stand.
   */
  occasion: z.object({ entityId: z.string().min(1).max(200), deadline: z.iso.datetime() }).optional(),
  /** Files stored with `storeNoticeAttachment`, attached to the mail (not to the in-app notice). */
  attachments: z
    .array(z.object({ id: z.uuid(), fileName: z.string().min(1).max(200) }))
    .max(5)
    .optional(),
});

/** What a `send-notice` job carries: the notice and the key that makes it deliver once. */
export const noticeJobSchema = noticeSchema.extend({ deliveryKey: z.string().min(1).max(500) });

export type NoticeRecipient = z.infer<typeof noticeRecipientSchema>;
export type Notice = Omit<z.infer<typeof noticeSchema>, 'kind'> & { kind: NoticeKind };
export type NoticeJob = Notice & { deliveryKey: string };
