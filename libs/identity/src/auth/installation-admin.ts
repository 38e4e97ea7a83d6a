import type { DataSource, EntityManager } from 'typeorm';
import { hasRole, type Principal } from './principal';

/**
 * An administrator of the whole installation holds the admin role in every district it serves.
 * Operator views that show all districts' work at once (the queue dashboard, the readiness
 * details) are theirs alone: a district's admin must not see another district's notices. A new
 * district narrows the circle until its admin role is granted, which is the safe direction.
 */
export async function isInstallationAdmin(
  db: DataSource | EntityManager,
  principal: Principal,
): Promise<boolean> {
  if (!hasRole(principal, 'admin')) return false;
  const [row] = (await db.query(
    `SELECT NOT EXISTS (
       SELECT 1 FROM district d
        WHERE NOT EXISTS (SELECT 1 FROM role_assignment r
                           WHERE r.district_id = d.id AND r.user_id = $1 AND r.role = 'admin')
     ) AS everywhere`,
    [principal.userId],
  )) as { everywhere: boolean }[];
  return row?.everywhere === true;
}
