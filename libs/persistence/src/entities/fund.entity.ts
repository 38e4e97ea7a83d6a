import type { FundKind } from '@kiezfonds/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A fund of one district (DOMAIN.md, fund table): its Netzwerkfonds (no area), or the Aktions-,
 * Projekt- or Baufonds of one of its QM areas. District, kind and area are fixed once it exists;
 * the kinds are `FUND_KINDS` in the domain, the migration's CHECK holds a frozen copy.
 */
@Entity({ name: 'fund' })
export class FundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'district_id', type: 'uuid', update: false })
  districtId: string;

  @Column({ type: 'text', update: false })
  kind: FundKind;

  @Column({ name: 'area_id', type: 'uuid', nullable: true, update: false })
  areaId: string | null;

  @Column({ type: 'text' })
  name: string;
}
