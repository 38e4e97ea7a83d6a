import { SqlParameters } from './sql-parameters';

describe('SqlParameters', () => {
  it('numbers the parameters in the order they are added, rows included', () => {
    const params = new SqlParameters();
    const first = params.add('fund');
    const rows = [params.row([1, 'a']), params.row([2, null])].join(', ');
    expect(`${first}: ${rows}`).toBe('$1: ($2, $3), ($4, $5)');
    expect(params.values).toEqual(['fund', 1, 'a', 2, null]);
  });
});
