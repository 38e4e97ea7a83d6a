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

/** The one way mail leaves the system: a pooled SMTP connection from SMTP_URL. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = new URL(config.SMTP_URL);
    this.transport = createTransport({
      pool: true,
      maxConnections: 5,
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
