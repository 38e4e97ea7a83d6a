/**
 * The parameters of one SQL statement, numbered as they are added: `add` answers the placeholder
 * (`$1`, `$2`, …) to write where the value goes, `row` a parenthesised list of them for a
 * multi-row `VALUES`. A statement built from parts (several rows, optional CTEs) then never
 * numbers a parameter by hand, and `values` is the array to send with it.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  row(values: readonly unknown[]): string {
    return `(${values.map((value) => this.add(value)).join(', ')})`;
  }
}
