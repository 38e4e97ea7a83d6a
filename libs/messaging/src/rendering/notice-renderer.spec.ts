import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTICE_KINDS, REMINDER_KINDS, type Locale, toUnconfirmedAddress } from '@kiezfonds/domain';
import { NOTICE_SAMPLES } from '../templates/samples';
import { NoticeRenderer, type NoticeContext } from './notice-renderer';

const appUrl = 'https://kiezfonds.example/';
const templatesDir = join(__dirname, '..', 'templates');
const locales: Locale[] = ['de', 'en'];
const nbsp = '\u00a0';

const renderer = NoticeRenderer.load({ appUrl, timeZone: 'Europe/Berlin' });

function withData(kind: keyof typeof NOTICE_SAMPLES, data: Record<string, unknown>): NoticeContext {
  const sample = NOTICE_SAMPLES[kind];
  return { ...sample, data: { ...sample.data, ...data } };
}

describe('notice e-mails', () => {
  describe.each(NOTICE_KINDS)('%s', (kind) => {
    it.each(locales)('reads in %s with a subject, an HTML and a plain-text body', (locale) => {
      const mail = renderer.render(kind, locale, NOTICE_SAMPLES[kind]);

      expect(mail.subject.length).toBeGreaterThan(0);
      expect(mail.subject).toBe(mail.subject.trim());
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html).toContain(`<html lang="${locale}"`);
      expect(mail.text.trim().length).toBeGreaterThan(0);
      for (const part of [mail.subject, mail.html, mail.text]) {
        expect(part).not.toMatch(/\{\{|\}\}|undefined|NaN|\[object |„“|“”/);
      }
      // A mail to an address nobody confirmed greets without the name its sender typed.
      if (toUnconfirmedAddress(kind)) expect(mail.html).not.toContain(NOTICE_SAMPLES[kind].recipient.name);
      else expect(mail.html).toContain(NOTICE_SAMPLES[kind].recipient.name);
    });

    it('links its call-to-action and the notification settings, in HTML and text', () => {
      const sample = NOTICE_SAMPLES[kind];
      const mail = renderer.render(kind, 'de', sample);
      const action = `https://kiezfonds.example${sample.link}`
        .replaceAll('&', '&amp;')
        .replaceAll('=', '&#x3D;');

      expect(sample.link).toBeDefined();
      expect(mail.html).toContain(`href="${action}"`);
      expect(mail.text).toContain(`https://kiezfonds.example${sample.link}`);
      expect(mail.text).toContain('https://kiezfonds.example/einstellungen/benachrichtigungen');
    });
  });

  it('tell reminder recipients that the e-mail copy can be switched off, and only them', () => {
    for (const kind of NOTICE_KINDS) {
      const reminder = REMINDER_KINDS.includes(kind);
      const de = renderer.render(kind, 'de', NOTICE_SAMPLES[kind]).text;
      const en = renderer.render(kind, 'en', NOTICE_SAMPLES[kind]).text;
      expect({ kind, de: de.includes('abschalten') }).toEqual({ kind, de: reminder });
      expect({ kind, en: en.includes('switch off') }).toEqual({ kind, en: reminder });
    }
  });

  it('show money and dates the German way in German mails and the English way in English ones', () => {
    const context = withData('call_off_paid', {
      callOff: { number: 3, amountCents: 123456, paidOn: '2026-11-22', spendBy: '2027-01-22' },
    });
    const de = renderer.render('call_off_paid', 'de', context);
    const en = renderer.render('call_off_paid', 'en', context);

    expect(de.subject).toContain(`1.234,56${nbsp}€`);
    expect(de.html).toContain(`1.234,56${nbsp}€`);
    expect(de.html).toContain('22.11.2026');
    expect(de.text).toContain('22.11.2026');
    expect(en.html).toContain('€1,234.56');
    expect(en.html).toContain('22/11/2026');
  });

  it('take amounts from JSON payloads, where cents arrive as digit strings', () => {
    const context = withData('call_off_paid', {
      callOff: { number: 3, amountCents: '900719925474099199', paidOn: '2026-11-22', spendBy: '2027-01-22' },
    });
    expect(renderer.render('call_off_paid', 'de', context).html).toContain(
      `9.007.199.254.740.991,99${nbsp}€`,
    );
  });

  it('show deadlines with the time in Berlin, across the change to winter time', () => {
    const context = withData('written_vote_closing', {
      vote: { subject: 'Prioritätenliste 2027', closesAt: '2026-10-25T01:30:00Z' },
    });
    expect(renderer.render('written_vote_closing', 'de', context).subject).toBe(
      'Erinnerung: Umlaufverfahren „Prioritätenliste 2027“ endet am 25.10.2026, 02:30 Uhr',
    );
  });

  it('escape what users typed, so a project title cannot inject markup', () => {
    const title = '<script>alert(1)</script> & <img src=x onerror=alert(2)>';
    const context = withData('changes_requested', {
      application: { title, reference: 'NWF-2027-001' },
      request: {
        requestedBy: { name: '<b>Jana</b>' },
        replyBy: '2026-11-22',
        message: 'Zeile 1\n<iframe src="https://evil.example"></iframe>',
      },
    });
    const mail = renderer.render('changes_requested', 'de', context);

    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toMatch(/<script|<img|<iframe|<b>/i);
    expect(mail.html).toContain('Zeile 1<br>&lt;iframe');
    // The subject is a header, not HTML: it keeps the characters as typed.
    expect(mail.subject).toContain(`„${title}“`);
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('leave out details the payload does not carry', () => {
    const mail = renderer.render('application_submitted', 'de', {
      recipient: { name: 'Aylin Demir' },
      data: { application: { title: 'Kiezküche' }, call: { title: 'Netzwerkfonds 2027' } },
    });
    expect(mail.subject).toBe('Ihr Antrag „Kiezküche“ ist eingegangen');
    expect(mail.text).not.toMatch(/Aktenzeichen|Eingereicht am|\(\)/);
    expect(mail.text).toContain('Ihr kiezfonds-Team');
  });

  it('refuse links that leave the app', () => {
    const context = { ...NOTICE_SAMPLES.password_reset, link: 'https://evil.example/reset' };
    expect(() => renderer.render('password_reset', 'de', context)).toThrow(
      /password_reset\.de\.hbs.*paths inside the app/,
    );
  });

  it('fail loudly, naming the template, when data a helper needs is missing', () => {
    const context = withData('application_approved', { grant: undefined });
    expect(() => renderer.render('application_approved', 'en', context)).toThrow(
      /application_approved\.en\.hbs: money: expected whole cents, got nothing/,
    );
  });
});

describe('loading the templates', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiezfonds-templates-'));
    cpSync(templatesDir, dir, { recursive: true });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = () => NoticeRenderer.load({ templatesDir: dir, appUrl, timeZone: 'Europe/Berlin' });

  it('works from a copy of the templates folder', () => {
    expect(() => load()).not.toThrow();
  });

  it('stops at start when a notice kind lacks a template, naming the file', () => {
    rmSync(join(dir, 'report_overdue.en.hbs'));
    expect(load).toThrow(join(dir, 'report_overdue.en.hbs'));
  });

  it('stops at start when a localised partial lacks a locale', () => {
    rmSync(join(dir, 'partials', 'footer.en.hbs'));
    expect(load).toThrow(join(dir, 'partials', 'footer.en.hbs'));
  });

  it('stops at start when a template does not compile, naming it', () => {
    writeFileSync(
      join(dir, 'minutes_available.de.hbs'),
      '---\nsubject: Protokoll\n---\n<p>{{#if minutes}}</p>\n',
    );
    expect(load).toThrow(new RegExp(`${escape(join(dir, 'minutes_available.de.hbs'))}: Parse error`));
  });

  it('stops at start when a template uses an unknown helper or partial', () => {
    writeFileSync(
      join(dir, 'call_off_paid.de.hbs'),
      '---\nsubject: {{mony callOff.amountCents}}\n---\n<p>x</p>\n',
    );
    writeFileSync(join(dir, 'call_off_paid.en.hbs'), '---\nsubject: Paid\n---\n{{> button label="Go"}}\n');
    expect(load).toThrow(/call_off_paid\.de\.hbs: .*mony/);
    expect(load).toThrow(/call_off_paid\.en\.hbs: uses the partial "button"/);
  });

  it('stops at start when a template has no subject', () => {
    writeFileSync(join(dir, 'invitation.de.hbs'), '<p>Willkommen</p>\n');
    expect(load).toThrow(/invitation\.de\.hbs: must start with a front matter block/);
  });

  it('stops at start when a template belongs to no notice kind', () => {
    writeFileSync(join(dir, 'aplication_submitted.de.hbs'), '---\nsubject: x\n---\n');
    expect(load).toThrow(/aplication_submitted\.de\.hbs: is neither a layout nor a template/);
  });

  it('refuses an app URL or time zone it cannot use', () => {
    expect(() => NoticeRenderer.load({ appUrl: 'kiezfonds', timeZone: 'Europe/Berlin' })).toThrow(/appUrl/);
    expect(() => NoticeRenderer.load({ appUrl, timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the in-app text of a notice (issue 19: not the plain-text mail)', () => {
  it.each(NOTICE_KINDS)('%s reads as running text without mail furniture', (kind) => {
    for (const locale of locales) {
      const { inApp } = renderer.render(kind, locale, NOTICE_SAMPLES[kind]);
      expect(inApp.trim().length).toBeGreaterThan(0);
      // No header line with the app's address, no quoting, no footer, no greeting or signature.
      expect(inApp).not.toMatch(/kiezfonds \[|\[https?:|^> /m);
      expect(inApp).not.toMatch(/automatisch|automatically|Guten Tag|Hello|Dear/);
      expect(inApp).not.toContain(`Guten Tag ${NOTICE_SAMPLES[kind].recipient.name}`);
      // It starts as a sentence, even where the mail's body continues the greeting ("vielen Dank").
      expect(inApp[0]).toBe(inApp[0]!.toUpperCase());
    }
  });

  it('keeps a long paragraph on one line and lists as bullets', () => {
    const { inApp } = renderer.render('application_received', 'de', NOTICE_SAMPLES.application_received);
    expect(inApp).toMatch(/^Bitte prüfen Sie, ob der Antrag vollständig und förderfähig ist\. .{60,}$/m);
    expect(inApp).toMatch(/^• Projekt: „/m);
    expect(inApp).not.toContain('Antrag prüfen');
  });
});
