import { ConcurrencyGate, GateFullError } from './concurrency-gate';

describe('a concurrency gate', () => {
  it('runs at most its limit at once, queues the rest in order, and refuses beyond the queue', async () => {
    const gate = new ConcurrencyGate('test', 2, 2);
    const order: string[] = [];
    const gates: (() => void)[] = [];
    const task = (name: string) =>
      gate.run(
        () =>
          new Promise<void>((resolve) => {
            order.push(`start ${name}`);
            gates.push(() => {
              order.push(`end ${name}`);
              resolve();
            });
          }),
      );
    const all = ['a', 'b', 'c', 'd'].map(task);
    await expect(task('e')).rejects.toBeInstanceOf(GateFullError);
    await Promise.resolve();
    expect(gate.stats()).toMatchObject({ running: 2, waiting: 2 });
    expect(order).toEqual(['start a', 'start b']);
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(order).toEqual(['start a', 'start b', 'end a', 'start c', 'end b', 'start d', 'end c', 'end d']);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, maxRunning: 2, limit: 2 });
  });

  it('gives a slot back once, however often release is called', async () => {
    const gate = new ConcurrencyGate('test', 1, 0);
    const release = await gate.acquire();
    release();
    release();
    expect(gate.stats().running).toBe(0);
  });
});
