import type { EntityManager } from 'typeorm';
import { SqlParameters } from './sql-parameters';

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
 * Audit actions that record the district office's own assessment of an application (the
 * double-funding warning: a hint about the carrier's other funding, for the coordinator to weigh).
 * They carry the actor whose step ran the check, for the trail, but that person did not act on
 * them: only the district's coordinators, finance staff and admins read them in a timeline, and
 * no personal data export carries them.
 */
export const OFFICE_ONLY_AUDIT_ACTIONS: readonly string[] = ['double_funding_warning'];

/**
 * Appends one event to the audit trail, with the caller's transaction manager so the event commits
 * with the change it records. Payloads hold ids and facts, not names or e-mail addresses, so
 * pseudonymising a user never needs the (immutable) trail to change.
 */
export async function recordAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  const params = new SqlParameters();
  await tx.query(auditInsert([entry], params), params.values);
}

/**
 * The INSERT of several audit events in the order given, its parameters added to `params`: a
 * statement of its own, or a CTE of a larger one that records its change in the same round trip.
 */
export function auditInsert(entries: readonly AuditEntry[], params: SqlParameters): string {
  const rows = entries.map((entry) =>
    params.row([
      entry.entityType,
      entry.entityId,
      entry.action,
      entry.actorId ?? null,
      entry.districtId ?? null,
      entry.fromState ?? null,
      entry.toState ?? null,
      JSON.stringify(entry.payload ?? {}),
      entry.requestId ?? null,
    ]),
  );
  return `INSERT INTO audit_event (entity_type, entity_id, action, actor_id, district_id, from_state, to_state, payload, request_id)
     VALUES ${rows.join(', ')}`;
}
