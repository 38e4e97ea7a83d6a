import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The staff roles, each held for one district. `carrier` is not here: it follows from
 * organisation_member; nor is `senate`, which is held Berlin-wide (no district).
 */
export const DISTRICT_ROLES = ['admin', 'coordinator', 'finance', 'board_member'] as const;
export type DistrictRole = (typeof DISTRICT_ROLES)[number];

@Entity({ name: 'role_assignment' })
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: DistrictRole | 'senate';

  /** Null for the Berlin-wide Senate role only. */
  @Column({ name: 'district_id', type: 'uuid', nullable: true })
  districtId: string | null;
}
