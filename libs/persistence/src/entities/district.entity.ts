import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A Berlin district (Bezirk). Calls, committees, funds and staff roles all belong to one. */
@Entity({ name: 'district' })
export class DistrictEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;
}
