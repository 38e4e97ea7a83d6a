// Development mail catcher for `npm start`: accepts every mail on SMTP_URL's port (1025 by default),
// stores it as an .eml file under tmp/mails/ and prints one line, so invitations and reminders can
// be read without a real mail server. Production and docker compose use a real relay or mailpit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const url = new URL(process.env.SMTP_URL || 'smtp://127.0.0.1:1025');
if (!['127.0.0.1', 'localhost'].includes(url.hostname)) {
  console.log(`SMTP_URL points at ${url.hostname}; the development mail sink is not needed.`);
  process.exit(0);
}
const dir = join(process.cwd(), 'tmp', 'mails');
mkdirSync(dir, { recursive: true });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${session.id}.eml`);
      writeFileSync(file, raw);
      const subject = /^Subject: (.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '';
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      console.log(`mail to ${to}: ${subject} → ${file}`);
      callback();
    });
  },
});
server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    console.log(`Port ${url.port} is taken: another SMTP server (mailpit?) will receive the mails.`);
    process.exit(0);
  }
  console.error(error);
});
server.listen(Number(url.port || 1025), '127.0.0.1', () =>
  console.log(`Development mail sink on ${url.host}: mails are saved to ${dir}`),
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
