/**
 * Whether the development mail sink (dev-mail-sink.ts) has anything to do: only for plain SMTP to
 * this machine. Elsewhere the mails go to a real server and the sink steps aside, saying so.
 */
export type MailSinkPlan = { listen: number } | { stepAside: string };

const LOCAL_HOSTS = ['127.0.0.1', 'localhost'];

export function mailSinkPlan(smtpUrl: string): MailSinkPlan {
  const url = new URL(smtpUrl);
  if (!LOCAL_HOSTS.includes(url.hostname)) {
    return {
      stepAside: `SMTP_URL points at ${url.hostname}: mails go to that server, so the development mail sink is not started.`,
    };
  }
  if (url.protocol === 'smtps:') {
    return {
      stepAside:
        'SMTP_URL asks for TLS (smtps): the development mail sink speaks plain SMTP only, so it is not ' +
        `started; run an SMTP server with TLS on 127.0.0.1:${url.port || 465}.`,
    };
  }
  return { listen: Number(url.port || 25) };
}
