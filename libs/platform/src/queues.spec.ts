import { loadConfig } from '@kiezfonds/config';
import { cappedBackoff, type RetryPolicy, retryPolicy, retryWindowMs } from './queues';

const HOUR = 3_600_000;

describe('retries of a notice', () => {
  const defaults: RetryPolicy = { attempts: 40, baseDelayMs: 2_000, maxDelayMs: HOUR };

  it('doubles the delay from the base and stops growing at the cap', () => {
    expect([1, 2, 3, 4].map((n) => cappedBackoff(defaults, n))).toEqual([2_000, 4_000, 8_000, 16_000]);
    // 2 s · 2^11 = 4 096 s is beyond one hour: from the 12th retry on, one hour each.
    expect(cappedBackoff(defaults, 11)).toBe(2_048_000);
    expect(cappedBackoff(defaults, 12)).toBe(HOUR);
    expect(cappedBackoff(defaults, 39)).toBe(HOUR);
  });

  it('waits out an outage of at least 24 hours with the default settings', () => {
    // 2 + 4 + … + 2 048 s = 4 094 s for the first 11 retries, then 28 retries of one hour.
    expect(retryWindowMs(defaults)).toBe(4_094_000 + 28 * HOUR);
    expect(retryWindowMs(defaults)).toBeGreaterThanOrEqual(24 * HOUR);
  });

  it('is what the configuration gives when nothing is set', () => {
    expect(retryPolicy(loadConfig({ NODE_ENV: 'development' }))).toEqual(defaults);
  });

  it('compresses the same shape for tests', () => {
    const fast: RetryPolicy = { attempts: 10, baseDelayMs: 50, maxDelayMs: 400 };
    expect([1, 2, 3, 4, 5].map((n) => cappedBackoff(fast, n))).toEqual([50, 100, 200, 400, 400]);
    expect(retryWindowMs(fast)).toBe(50 + 100 + 200 + 6 * 400);
  });
});
