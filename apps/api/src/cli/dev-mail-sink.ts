import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@kiezfonds/config';
import { readDotEnv } from '@kiezfonds/platform';
import { SMTPServer } from 'smtp-server';
import { mailSinkPlan } from './mail-sink-plan';

/**
 * The development mail catcher `npm start` runs beside the API and the worker: it accepts every
 * mail on SMTP_URL's port, saves it under tmp/mails/ and prints one line, so invitations and
 * reminders can be read without a mail server. It is optional: where it cannot or need not run
 * it says why and ends, and the app keeps running (the start command treats it so).
 */
function main(): void {
  readDotEnv();
  let smtpUrl: string;
  try {
    smtpUrl = loadConfig().SMTP_URL;
  } catch (error) {
    // The start command has validated the configuration already; this only guards a direct run.
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const plan = mailSinkPlan(smtpUrl);
  if ('stepAside' in plan) {
    process.stdout.write(`${plan.stepAside}\n`);
    return;
  }
  const dir = join(process.cwd(), 'tmp', 'mails');
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${session.id}.eml`);
        writeFileSync(file, raw);
        const subject = /^Subject: (.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '';
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        process.stdout.write(`mail to ${to}: ${subject} → ${file}\n`);
        callback();
      });
    },
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      process.stdout.write(
        `Port ${plan.listen} on 127.0.0.1 is taken: the development mail sink steps aside, and the ` +
          'mails go to whatever SMTP server listens there (mailpit?). The API and the worker keep running.\n',
      );
      process.exit(0);
    }
    process.stderr.write(
      `The development mail sink cannot listen on 127.0.0.1:${plan.listen} (${error.message}); ` +
        'mails will wait in the queue until an SMTP server answers at SMTP_URL. The API and the worker keep running.\n',
    );
    process.exit(1);
  });
  server.listen(plan.listen, '127.0.0.1', () =>
    process.stdout.write(`Development mail sink on 127.0.0.1:${plan.listen}: mails are saved to ${dir}\n`),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => server.close(() => process.exit(0)));
}

main();
