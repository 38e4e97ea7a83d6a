import { mailSinkPlan } from './mail-sink-plan';

describe('whether the development mail sink is needed', () => {
  it('listens on the port of a local SMTP_URL', () => {
    expect(mailSinkPlan('smtp://127.0.0.1:1025')).toEqual({ listen: 1025 });
    expect(mailSinkPlan('smtp://localhost:2526')).toEqual({ listen: 2526 });
    expect(mailSinkPlan('smtp://127.0.0.1')).toEqual({ listen: 25 });
  });

  it('steps aside for another host, saying where the mails go', () => {
    expect(mailSinkPlan('smtp://user:secret@mail.bezirk.example:587')).toEqual({
      stepAside:
        'SMTP_URL points at mail.bezirk.example: mails go to that server, so the development mail sink is not started.',
    });
  });

  it('steps aside for smtps, which it does not speak', () => {
    expect(mailSinkPlan('smtps://127.0.0.1:1465')).toEqual({
      stepAside:
        'SMTP_URL asks for TLS (smtps): the development mail sink speaks plain SMTP only, so it is not started; run an SMTP server with TLS on 127.0.0.1:1465.',
    });
  });
});
