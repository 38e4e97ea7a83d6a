import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The kinds of area (DOMAIN.md, "Action fields and areas"): the LOR planning grid
 * (Prognoseraum → Bezirksregion → Planungsraum) and the QM areas and Aktionsräume that cut across it.
 * Persisted, so this list is the single source in code; the migration's CHECK holds a frozen copy.
 */
export const AREA_KINDS = [
  'prognoseraum',
  'bezirksregion',
  'planungsraum',
  'qm_area',
  'aktionsraum',
] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

@Entity({ name: 'area' })
export class AreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId: string;

  /** The enclosing area of the same district (enforced by a composite foreign key), if any. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  kind: AreaKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  slug: string;

  /** The LOR number of an area of the planning grid (8 digits for a Planungsraum), if any. */
  @Column({ type: 'text', nullable: true })
  code: string | null;
}
