import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  actorId?: string | null;
  districtId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  payload?: Record<string, unknown>;
  requestId?: string | null;
}

/**
 * Appends one event to the audit trail, with the caller's transaction manager so the event commits
 * with the change it records. Payloads hold ids and facts, not names or e-mail addresses, so
 * pseudonymising a user never needs the (immutable) trail to change.
 */
export async function recordAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_event (entity_type, entity_id, action, actor_id, district_id, from_state, to_state, payload, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.entityType,
      entry.entityId,
      entry.action,
      entry.actorId ?? null,
      entry.districtId ?? null,
      entry.fromState ?? null,
      entry.toState ?? null,
      JSON.stringify(entry.payload ?? {}),
      entry.requestId ?? null,
    ],
  );
}
