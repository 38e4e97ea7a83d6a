import { GroupStatement } from './group-statement';

describe('a statement shared by the calls that arrive while one is running', () => {
  it('runs the first call alone and the calls that waited together, each getting its own answer', async () => {
    const batches: string[][] = [];
    const group = new GroupStatement<{ key: string }, string>(async (items) => {
      batches.push(items.map((i) => i.key));
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Map(items.filter((i) => i.key !== 'c').map((i) => [i.key, `ok ${i.key}`]));
    });
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((key) => group.run({ key })));
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(answers).toEqual(['ok a', 'ok b', undefined, 'ok d']);
  });

  it('never names one key twice in a statement', async () => {
    const batches: string[][] = [];
    const group = new GroupStatement<{ key: string }, true>(async (items) => {
      batches.push(items.map((i) => i.key));
      return new Map(items.map((i) => [i.key, true as const]));
    });
    await Promise.all(['a', 'a', 'b', 'a'].map((key) => group.run({ key })));
    expect(batches).toEqual([['a'], ['a', 'b'], ['a']]);
  });

  it('fails every call of a failed statement and goes on with the next', async () => {
    let calls = 0;
    const group = new GroupStatement<{ key: string }, true>(async (items) => {
      calls++;
      if (calls === 2) throw new Error('database gone');
      return new Map(items.map((i) => [i.key, true as const]));
    });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((key) => group.run({ key })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await group.run({ key: 'd' })).toBe(true);
  });
});
