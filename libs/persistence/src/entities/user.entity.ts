import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const USER_LANGUAGES = ['de', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** `pseudonymised` replaces deletion, so the audit trail keeps its actor ids (GDPR, DOMAIN.md). */
export const USER_STATUSES = ['invited', 'active', 'disabled', 'pseudonymised'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person who logs in. The table is `app_user` because `user` is reserved in SQL. */
@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  /** Unique case-insensitively (a unique index on lower(email)); look users up by lower(email). */
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', default: 'de' })
  language: UserLanguage;

  @Column({ type: 'text', default: 'active' })
  status: UserStatus;

  /** An argon2id hash; null for invited users who have not set a password yet. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;
}
