import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Whether a user also wants a reminder kind by e-mail; no row means yes. */
@Entity({ name: 'notification_preference' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ type: 'boolean' })
  email: boolean;
}
