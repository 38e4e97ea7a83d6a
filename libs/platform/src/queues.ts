import type { DefaultJobOptions } from 'bullmq';

/** Every queue, job name and retry policy in one place (STYLE.md, "Ghostfolio"). */
export const QUEUES = {
  mail: 'mail',
  reminders: 'reminders',
  committee: 'committee',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  sendNotice: 'send-notice',
  reminderSweep: 'reminder-sweep',
  closeDueVotes: 'close-due-votes',
} as const;

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  // 2 s, 4 s, 8 s … about 4 minutes in all: an SMTP relay that is down for a while is waited out.
  backoff: { type: 'exponential', delay: 2_000 },
  // Kept so admins can see and re-run what failed; completed jobs are trimmed.
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: false,
};
