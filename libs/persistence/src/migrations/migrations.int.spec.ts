import { createEmptyDatabase } from '@kiezfonds/testing';
import { Client } from 'pg';
import { createDataSource } from '../data-source';
import { migrateDatabase } from '../database-admin';
import { migrations } from './index';

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('create the database when it does not exist and bring an empty database up to date', async () => {
    const empty = await createEmptyDatabase();
    try {
      const applied = await migrateDatabase(empty.url);
      expect(applied).toEqual(migrations.map((m) => m.name));
      expect(await tables(empty.url)).toEqual(expect.arrayContaining(['audit_event', 'outbox']));
      expect(await migrateDatabase(empty.url)).toEqual([]);
    } finally {
      await empty.drop();
    }
  });

  it('can all be reverted and applied again', async () => {
    const empty = await createEmptyDatabase();
    try {
      await migrateDatabase(empty.url);
      const dataSource = await createDataSource(empty.url).initialize();
      try {
        for (let i = 0; i < migrations.length; i++)
          await dataSource.undoLastMigration({ transaction: 'each' });
        expect(await tables(empty.url)).toEqual([]);
        expect((await dataSource.runMigrations({ transaction: 'each' })).length).toBe(migrations.length);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it('are named <timestamp>-<what-it-does> and listed in time order', () => {
    const stamps = migrations.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1]));
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });
});
