import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A mail under its delivery key: `claimed` (committed before the SMTP send) and then `sent` (after
 * the server accepted it). A `sent` key is never sent again; a claim left by a crashed worker is
 * taken over after its lease, and the copy carries the same Message-ID.
 */
@Entity({ name: 'mail_delivery' })
export class MailDeliveryEntity {
  @PrimaryColumn({ name: 'delivery_key', type: 'text' })
  deliveryKey: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ name: 'notice_kind', type: 'text' })
  noticeKind: string;

  @Column({ type: 'text', insert: false })
  state: 'claimed' | 'sent';

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
