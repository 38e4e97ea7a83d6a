/**
 * Group commit for the statements every mail makes (its claim, its record): while one statement
 * is on its way to PostgreSQL, the calls that arrive wait and then go together as the next one.
 * With one mail in flight nothing waits; with twenty, twenty claims cost one round trip instead of
 * twenty (issue 18). A key already waiting goes into a later statement, so no statement names a
 * key twice (ON CONFLICT DO UPDATE may touch each row once). A failed statement fails every call
 * in it, each of which then retries as it would have alone.
 */
export class GroupStatement<Item extends { key: string }, Result> {
  private pending: {
    item: Item;
    resolve: (result: Result | undefined) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private running = false;

  constructor(
    /** Runs one statement for the items; answers per key (a key without an answer gets undefined). */
    private readonly statement: (items: Item[]) => Promise<Map<string, Result>>,
    private readonly maxItems = 100,
  ) {}

  run(item: Item): Promise<Result | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const batch: typeof this.pending = [];
        const later: typeof this.pending = [];
        const keys = new Set<string>();
        for (const call of this.pending) {
          if (keys.has(call.item.key) || batch.length >= this.maxItems) later.push(call);
          else {
            keys.add(call.item.key);
            batch.push(call);
          }
        }
        this.pending = later;
        try {
          const results = await this.statement(batch.map((call) => call.item));
          for (const call of batch) call.resolve(results.get(call.item.key));
        } catch (error) {
          for (const call of batch) call.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
