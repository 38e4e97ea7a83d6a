import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | undefined;
  headers: Map<string, unknown>;
  deliveryKey: string | undefined;
  messageId: string | undefined;
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
}

/**
 * A real SMTP server in the test process: mails cross a socket and the SMTP protocol exactly as
 * they would to mailpit or a relay, and land here parsed. It can be stopped and restarted on the
 * same port to play an SMTP outage.
 */
export class SmtpSink {
  readonly mails: CapturedMail[] = [];
  private server: SMTPServer | undefined;
  private port = 0;
  private waiters: (() => void)[] = [];
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;
  /** Mails whose DATA arrived while the sink holds its answer. */
  receiving = 0;
  /** RCPT TO commands per address (lower case), refused ones included. */
  readonly recipientAttempts = new Map<string, number>();
  private readonly refusals = new Map<string, { code: number; message: string }>();

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await sink.listen();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // stop() is an outage: drop pooled client connections at once instead of waiting 30 s.
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        const recipient = address.address.toLowerCase();
        this.recipientAttempts.set(recipient, (this.recipientAttempts.get(recipient) ?? 0) + 1);
        const refusal = this.refusals.get(recipient);
        if (!refusal) return callback();
        return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData: (stream, session, callback) => {
        this.receiving++;
        simpleParser(stream)
          .then(async (parsed) => {
            // A held sink has the mail but has not said "250 OK" yet: the moment a crash or an
            // outage between acceptance and the sender's record would hit.
            await this.held;
            this.mails.push({
              from: parsed.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : undefined,
              headers: parsed.headers,
              deliveryKey: headerValue(parsed.headers.get('x-kiezfonds-delivery-key')),
              messageId: parsed.messageId,
              attachments: parsed.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
            });
            this.waiters.forEach((wake) => wake());
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /**
   * Answers RCPT TO for this address with the given SMTP reply, e.g. 550 (mailbox unavailable,
   * permanent) or 451 (try again later), until `accept(address)`.
   */
  refuse(address: string, code: number, message: string): void {
    this.refusals.set(address.toLowerCase(), { code, message });
  }

  accept(address: string): void {
    this.refusals.delete(address.toLowerCase());
  }

  /** Holds the answer to every DATA from now on, until `resume()`. */
  hold(): void {
    if (this.held) return;
    this.held = new Promise<void>((resolve) => (this.release = resolve));
  }

  resume(): void {
    this.release?.();
    this.held = undefined;
    this.release = undefined;
  }

  /** Mails per delivery key, to count what was lost or sent twice. */
  countByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.mails) {
      const key = mail.deliveryKey ?? '';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Resolves once `count` mails have arrived; rejects with what did arrive after `timeoutMs`. */
  async waitForMails(count: number, timeoutMs = 10_000): Promise<CapturedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`expected ${count} mail(s) within ${timeoutMs} ms, got ${this.mails.length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
    return this.mails.slice(0, count);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function headerValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
