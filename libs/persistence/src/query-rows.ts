import type { DataSource, EntityManager } from 'typeorm';

/**
 * The rows a raw query returns. TypeORM answers `UPDATE/DELETE … RETURNING` on PostgreSQL as
 * `[rows, affectedCount]` but SELECT and INSERT as plain rows; this gives rows for all of them.
 */
export async function queryRows<T>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
