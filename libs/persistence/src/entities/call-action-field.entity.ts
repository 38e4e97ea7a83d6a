import { Entity, PrimaryColumn } from 'typeorm';

/** An action field a call covers; the database rejects one from another district. */
@Entity({ name: 'call_action_field' })
export class CallActionFieldEntity {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' })
  callId: string;

  @PrimaryColumn({ name: 'action_field_id', type: 'uuid' })
  actionFieldId: string;
}
