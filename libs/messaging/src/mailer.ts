import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from '@kiezfonds/platform';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Lets a receiving system, and our own tests, recognise a redelivered mail. */
  deliveryKey: string;
  locale: 'de' | 'en';
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * The Message-ID of the mail under a delivery key: the same for every attempt, so the rare copy a
 * crash between the server's acceptance and our record can cause is recognisable as one.
 */
export function messageIdFor(deliveryKey: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'kiezfonds.invalid';
  return `<${createHash('sha256').update(deliveryKey).digest('hex').slice(0, 40)}@${domain}>`;
}

/** SMTP connections the pool keeps open to the server. */
const CONNECTIONS = 5;

/** The one way mail leaves the system: a pooled SMTP connection from SMTP_URL. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  /** Holders of a connection (`withConnection`), and those waiting for one, first come first served. */
  private holders = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = new URL(config.SMTP_URL);
    this.transport = createTransport({
      pool: true,
      maxConnections: CONNECTIONS,
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // Development sinks (mailpit, the test sink) speak plain SMTP without STARTTLS.
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /**
   * Runs `work` once one of the pool's connections is free for it, and frees it when `work` ends.
   * More jobs run at once (MAIL_CONCURRENCY) than there are connections; a delivery claims its mail
   * inside `work`, so the claim's lease runs from the send, not from the wait for a connection, which
   * a slow server stretches without bound (operations.md, "The lease is longer than any send").
   */
  async withConnection<T>(work: () => Promise<T>): Promise<T> {
    if (this.holders < CONNECTIONS) this.holders++;
    // A freed connection passes straight to the next in line, so the count stays as it is.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.holders--;
    }
  }

  messageIdFor(deliveryKey: string): string {
    return messageIdFor(deliveryKey, this.config.MAIL_FROM);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      messageId: this.messageIdFor(mail.deliveryKey),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
      headers: { 'X-Kiezfonds-Delivery-Key': mail.deliveryKey, 'Content-Language': mail.locale },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
