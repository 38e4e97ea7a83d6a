import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A Handlungsfeld. Action fields are data per district, chosen per call. */
@Entity({ name: 'action_field' })
export class ActionFieldEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  slug: string;
}
