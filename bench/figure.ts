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
 * Requests per second of an autocannon run: all it sent over the time it took. Its own
 * `requests.average` is the mean of whole-second samples, in which a run of a fixed amount counts
 * its last, partial second as a full one (1 000 approvals in 6.3 s showed as 142.9/s, 1 000 ÷ 7).
 */
export const requestsPerSecond = (result: { requests: { total: number }; duration: number }) =>
  round(result.requests.total / result.duration, 1);
