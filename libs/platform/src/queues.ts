import type { AppConfig } from '@kiezfonds/config';
import type { DefaultJobOptions, JobsOptions } from 'bullmq';

/** Every queue, job name and retry policy in one place (STYLE.md, "Ghostfolio"). */
export const QUEUES = {
  mail: 'mail',
  reminders: 'reminders',
  committee: 'committee',
  maintenance: 'maintenance',
  retention: 'retention',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  sendNotice: 'send-notice',
  reminderSweep: 'reminder-sweep',
  closeDueVotes: 'close-due-votes',
  reconcile: 'reconcile',
  retentionSweep: 'retention-sweep',
} as const;

/** The backoff type of notices: exponential from `delay`, capped (see `cappedBackoff`). */
export const CAPPED_BACKOFF = 'capped-exponential';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function retryPolicy(config: AppConfig): RetryPolicy {
  return {
    attempts: config.MAIL_RETRY_ATTEMPTS,
    baseDelayMs: config.MAIL_RETRY_BASE_DELAY_MS,
    maxDelayMs: config.MAIL_RETRY_MAX_DELAY_MS,
  };
}

/** Delay before retry number `attemptsMade` (1-based): base · 2^(n−1), at most the cap. */
export function cappedBackoff(policy: RetryPolicy, attemptsMade: number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.min(Math.max(attemptsMade - 1, 0), 40);
  return Math.min(exponential, policy.maxDelayMs);
}

/** How long a notice is retried in all before it counts as failed: the sum of every delay. */
export function retryWindowMs(policy: RetryPolicy): number {
  let total = 0;
  for (let n = 1; n < policy.attempts; n++) total += cappedBackoff(policy, n);
  return total;
}

/** Options of one notice job: its deterministic id and the configured retries. */
export function noticeJobOptions(policy: RetryPolicy, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: policy.attempts,
    // The mail worker's backoff strategy computes each delay with its configured cap (cappedBackoff).
    backoff: { type: CAPPED_BACKOFF, delay: policy.baseDelayMs },
  };
}

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  // Sweeps and schedulers; notices carry their own longer retries (noticeJobOptions).
  backoff: { type: 'exponential', delay: 2_000 },
  // Kept so admins can see and re-run what failed; completed jobs are trimmed.
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: false,
};
