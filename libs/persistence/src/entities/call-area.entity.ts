import { Entity, PrimaryColumn } from 'typeorm';

/** An area a call covers; the database rejects one from another district. */
@Entity({ name: 'call_area' })
export class CallAreaEntity {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' })
  callId: string;

  @PrimaryColumn({ name: 'area_id', type: 'uuid' })
  areaId: string;
}
