import { createTestDatabase, type TestDatabase } from '@kiezfonds/testing';
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from './data-source';

/**
 * Statements a connection runs again are prepared there (ADR 0022), against the real PostgreSQL:
 * what the connection holds is read from `pg_prepared_statements` on that same connection.
 */
describe('prepared statements of a pool connection', () => {
  let db: TestDatabase;
  let pooled: DataSource;
  let runner: QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  // A pool of one connection per test: each starts with nothing prepared.
  beforeEach(async () => {
    pooled = await createDataSource(db.url, { poolSize: 1, preparedStatements: 3 }).initialize();
    runner = pooled.createQueryRunner();
    await runner.connect();
  });

  afterEach(async () => {
    await runner.release();
    await pooled.destroy();
  });

  afterAll(async () => {
    await db.drop();
  });

  async function prepared(): Promise<string[]> {
    const rows = (await runner.query(
      `SELECT statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY statement`,
    )) as { statement: string }[];
    return rows.map((r) => r.statement);
  }

  it('prepares a statement at its second use and answers the same rows each time', async () => {
    const text = `SELECT $1::int + 1 AS next`;
    expect(await runner.query(text, [1])).toEqual([{ next: 2 }]);
    expect(await prepared()).toEqual([]);
    expect(await runner.query(text, [2])).toEqual([{ next: 3 }]);
    expect(await runner.query(text, [3])).toEqual([{ next: 4 }]);
    expect(await prepared()).toEqual([text]);
  });

  it('leaves statements without parameters and statements run once unprepared', async () => {
    await runner.query(`SELECT 1 AS one`);
    await runner.query(`SELECT 1 AS one`);
    await runner.query(`SELECT $1::text AS once`, ['a']);
    expect(await prepared()).toEqual([]);
  });

  it('keeps at most the configured number per connection; later statements still run', async () => {
    const texts = [1, 2, 3, 4].map((n) => `SELECT $1::int * ${n} AS product`);
    for (const text of texts) {
      await runner.query(text, [2]);
      await runner.query(text, [2]);
    }
    expect(await prepared()).toEqual(texts.slice(0, 3).sort());
    expect(await runner.query(texts[3]!, [5])).toEqual([{ product: 20 }]);
  });

  it('reports an error of a prepared statement and keeps the statement usable', async () => {
    const text = `SELECT 10 / $1::int AS share`;
    await runner.query(text, [2]);
    await expect(runner.query(text, [0])).rejects.toThrow(/division by zero/);
    expect(await runner.query(text, [5])).toEqual([{ share: 2 }]);
    expect(await prepared()).toEqual([text]);
  });

  it('a statement that does not parse fails each time without being kept', async () => {
    const text = `SELEC $1::int`;
    await expect(runner.query(text, [1])).rejects.toThrow(/syntax error/);
    await expect(runner.query(text, [1])).rejects.toThrow(/syntax error/);
    await expect(runner.query(text, [1])).rejects.toThrow(/syntax error/);
    expect(await prepared()).toEqual([]);
  });
});
