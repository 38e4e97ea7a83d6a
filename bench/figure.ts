import autocannon from 'autocannon';

/** One row of bench/results/summary.md: a figure of the project, measured back to back with its anchor. */
export interface Load {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export interface Figure {
  name: string;
  figure: string;
  project: Load | { requestsPerSecond: number; detail?: Record<string, unknown> };
  anchor: { what: string; requestsPerSecond: number; detail?: Record<string, unknown> };
  ratio: number;
  target: string;
  /** Null where the figure has no target of its own (the list at 1 000 is the growth row's base). */
  met: boolean | null;
  loadAverage: number[];
  /** How the summary shows project and anchor where a rate is not the figure (e.g. a time). */
  shown?: { project: string; anchor: string };
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** Whether this file is the script Node was started with (not imported by bench/run.ts). */
export const startedAs = (name: string) => (process.argv[1] ?? '').endsWith(`/bench/${name}.js`);

/**
 * An autocannon run and its rate: all it sent over the time from its start to its last answer.
 * autocannon's own `requests.average` and `duration` end at its next whole-second sample, so a run
 * of a fixed amount counted its idle tail (1 000 approvals in 6.3 s showed as 1 000 ÷ 7).
 */
export async function timedLoad(
  options: autocannon.Options,
): Promise<{ result: autocannon.Result; requestsPerSecond: number }> {
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', () => {
      lastAnswer = performance.now();
    });
  });
  return { result, requestsPerSecond: round(result.requests.total / ((lastAnswer - started) / 1000), 1) };
}
