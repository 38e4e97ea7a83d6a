import { createTestDatabase, type TestDatabase } from '@kiezfonds/testing';
import { AuditEventEntity } from './audit-event.entity';

describe('the audit trail is append-only', () => {
  let db: TestDatabase;
  let id: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const saved = await db.dataSource.getRepository(AuditEventEntity).save({
      entityType: 'application',
      entityId: 'a-1',
      action: 'SUBMIT',
      fromState: 'draft',
      toState: 'submitted',
      payload: { reason: 'test' },
      districtId: null,
      actorId: null,
      requestId: 'req-1',
    });
    id = saved.id;
  });

  afterAll(() => db.drop());

  it('records an event with its time', async () => {
    const [row] = await db.dataSource.query(
      'SELECT action, to_state, occurred_at FROM audit_event WHERE id = $1',
      [id],
    );
    expect(row).toMatchObject({ action: 'SUBMIT', to_state: 'submitted' });
    expect(row.occurred_at).toBeInstanceOf(Date);
  });

  it('rejects UPDATE', async () => {
    await expect(
      db.dataSource.query(`UPDATE audit_event SET action = 'FORGED' WHERE id = $1`, [id]),
    ).rejects.toThrow(/UPDATE on public.audit_event is not allowed: the table is append-only/);
  });

  it('rejects DELETE', async () => {
    await expect(db.dataSource.query('DELETE FROM audit_event WHERE id = $1', [id])).rejects.toThrow(
      /DELETE on public.audit_event is not allowed/,
    );
  });

  it('rejects TRUNCATE', async () => {
    await expect(db.dataSource.query('TRUNCATE audit_event')).rejects.toThrow(
      /TRUNCATE on public.audit_event/,
    );
  });

  it('still holds the original event afterwards', async () => {
    const rows = await db.dataSource.query('SELECT action FROM audit_event WHERE id = $1', [id]);
    expect(rows).toEqual([{ action: 'SUBMIT' }]);
  });
});
