import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A mail that has left for the SMTP server; its key is never sent again. */
@Entity({ name: 'mail_delivery' })
export class MailDeliveryEntity {
  @PrimaryColumn({ name: 'delivery_key', type: 'text' })
  deliveryKey: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ name: 'notice_kind', type: 'text' })
  noticeKind: string;

  @Column({ name: 'sent_at', type: 'timestamptz', insert: false, update: false })
  sentAt: Date;
}
