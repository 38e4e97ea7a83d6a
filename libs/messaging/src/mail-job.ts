import { z } from 'zod';

/** What a `send-mail` job carries; processors check it before doing anything (STYLE.md, "Jobs and mail"). */
export const mailJobSchema = z.object({
  deliveryKey: z.string().min(1).max(200),
  to: z.array(z.email()).min(1),
  subject: z.string().min(1).max(250),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
  locale: z.enum(['de', 'en']).default('de'),
});

export type MailJob = z.input<typeof mailJobSchema>;
