import type { NoticeKind } from '@kiezfonds/domain';
import type { NoticeContext } from '../rendering/notice-renderer';

/**
 * One realistic context per notice kind: the data each template expects, as the outbox payload
 * carries it (amounts in cents, calendar dates as `YYYY-MM-DD`, instants as ISO timestamps).
 * This is the data contract of the templates: the facts a notice is about (an amount, a
 * deadline) must be present, or rendering fails with the helper's message; details a template
 * wraps in `{{#if}}` (a reference number, who submitted) may be left out.
 * The render test renders every sample in every locale; a preview tool can use them too.
 * Typed as a full record, so a new kind in the catalogue does not compile without a sample.
 */

const spandau = { name: 'Spandau', contactEmail: 'netzwerkfonds@ba-spandau.example' };

const carrier = { name: 'Nachbarschaftshilfe Falkenhagener Feld e. V.' };

const application = {
  title: 'Kiezküchen verbinden – gemeinsam kochen in Spandau',
  reference: 'NWF-2027-014',
  organisation: carrier,
  requestedCents: 18_650_000,
};

const call = {
  title: 'Netzwerkfonds Spandau, Programmjahr 2027',
  submissionDeadline: '2026-12-15T11:00:00Z',
};

const committee = { name: 'AG Stabile Kieze' };

const member = { name: 'Aylin Demir' };
const coordinator = { name: 'Jana Becker' };
const committeeMember = { name: 'Dr. Thomas Wolff' };

export const NOTICE_SAMPLES: Record<NoticeKind, NoticeContext> = {
  invitation: {
    recipient: member,
    district: spandau,
    data: {
      inviter: coordinator,
      organisation: carrier,
      expiresAt: '2026-11-29T22:59:00Z',
    },
    link: '/einladung?token=Qm9vdHN0cmFwLXRva2VuLTIwMjY',
  },
  password_reset: {
    recipient: member,
    data: { expiresAt: '2026-11-22T14:30:00Z' },
    link: '/passwort-zuruecksetzen?token=c2FtcGxlLXJlc2V0LXRva2Vu',
  },
  account_locked: {
    recipient: member,
    data: { lockedUntil: '2026-11-22T14:45:00Z' },
    link: '/passwort-vergessen',
  },
  email_verification: {
    recipient: member,
    data: { expiresAt: '2026-11-24T14:30:00Z' },
    link: '/e-mail-bestaetigen?token=c2FtcGxlLXZlcmlmeS10b2tlbg',
  },
  registration_attempt: {
    recipient: member,
    data: {},
    link: '/passwort-vergessen',
  },
  application_submitted: {
    recipient: member,
    district: spandau,
    data: {
      application: { ...application, submittedAt: '2026-11-20T15:42:00Z', submittedBy: member },
      call,
    },
    link: '/antraege/NWF-2027-014',
  },
  application_received: {
    recipient: coordinator,
    district: spandau,
    data: { application: { ...application, submittedAt: '2026-11-20T15:42:00Z' }, call },
    link: '/antraege/NWF-2027-014/pruefung',
  },
  changes_requested: {
    recipient: member,
    district: spandau,
    data: {
      application,
      request: {
        requestedBy: coordinator,
        replyBy: '2026-11-22',
        message:
          'Vielen Dank für Ihre Projektskizze. Für die formale Prüfung fehlen uns noch zwei Angaben:\n' +
          '1. Im Kostenplan 2028 sind die Honorare nicht nach Kursen aufgeschlüsselt.\n' +
          '2. Bitte ergänzen Sie im Finanzierungsplan, ob die Drittmittel der Stiftung bereits zugesagt sind.',
      },
    },
    link: '/antraege/NWF-2027-014/bearbeiten',
  },
  application_resubmitted: {
    recipient: coordinator,
    district: spandau,
    data: {
      application,
      resubmittedAt: '2026-11-21T09:15:00Z',
      reply:
        'Die Honorare sind jetzt je Kurs aufgeführt.\nDie Zusage der Stiftung liegt als Anlage bei (Schreiben vom 12.11.2026).',
    },
    link: '/antraege/NWF-2027-014/pruefung',
  },
  application_rejected: {
    recipient: member,
    district: spandau,
    data: {
      application,
      call,
      rejection: {
        decidedOn: '2027-01-14',
        reason:
          'Das Projekt richtet sich nur an ein Quartier. Der Netzwerkfonds fördert Vorhaben, die in mehreren ' +
          'Gebieten oder bezirksweit wirken; für Vorhaben in einem Quartier ist der Projektfonds vorgesehen.',
      },
    },
    link: '/antraege/NWF-2027-014',
  },
  application_selected: {
    recipient: member,
    district: spandau,
    data: {
      application,
      selection: { programmeYear: 2027, amountCents: 16_000_000, reduced: true },
      fullApplicationDueBy: '2027-04-30',
    },
    link: '/antraege/NWF-2027-014/vollantrag',
  },
  application_waitlisted: {
    recipient: member,
    district: spandau,
    data: { application, programmeYear: 2027, waitlistPosition: 2 },
    link: '/antraege/NWF-2027-014',
  },
  application_approved: {
    recipient: member,
    district: spandau,
    data: {
      application,
      grant: {
        issuedOn: '2027-06-18',
        amountCents: 16_000_000,
        period: { start: '2027-07-01', end: '2029-06-30' },
        instalments: [
          { cashYear: 2027, amountCents: 3_500_000 },
          { cashYear: 2028, amountCents: 8_000_000 },
          { cashYear: 2029, amountCents: 4_500_000 },
        ],
        reports: [
          { type: 'interim', due: '2028-03-31' },
          { type: 'interim', due: '2029-03-31' },
          { type: 'proof_of_use', due: '2029-12-31' },
        ],
        noticeAttached: false,
      },
    },
    link: '/antraege/NWF-2027-014/bescheid',
  },
  call_off_approved: {
    recipient: member,
    district: spandau,
    data: {
      application,
      callOff: { number: 2, amountCents: 2_000_000, requestedOn: '2027-09-01', approvedOn: '2027-09-04' },
    },
    link: '/antraege/NWF-2027-014/mittelabrufe/2',
  },
  call_off_paid: {
    recipient: member,
    district: spandau,
    data: {
      application,
      callOff: { number: 2, amountCents: 2_000_000, paidOn: '2027-09-08', spendBy: '2027-11-08' },
    },
    link: '/antraege/NWF-2027-014',
  },
  recovery_notice_issued: {
    recipient: member,
    district: spandau,
    data: {
      application,
      claim: {
        reference: 'NWF-2027-014-RF1',
        principalCents: 3_000_000,
        interestCents: 179_971,
        totalCents: 3_179_971,
        dueBy: '2029-08-31',
      },
    },
    link: '/antraege/NWF-2027-014',
  },
  report_due: {
    recipient: member,
    district: spandau,
    data: { application, report: { type: 'interim', due: '2028-03-31' }, daysLeft: 14 },
    link: '/antraege/NWF-2027-014/berichte',
  },
  report_overdue: {
    recipient: member,
    district: spandau,
    data: {
      application,
      report: { type: 'proof_of_use', due: '2029-12-31' },
      daysOverdue: 7,
      audience: 'carrier',
    },
    link: '/antraege/NWF-2027-014/berichte',
  },
  session_invitation: {
    recipient: committeeMember,
    district: spandau,
    data: {
      committee,
      session: {
        startsAt: '2027-02-10T09:00:00Z',
        place: 'Rathaus Spandau, Carl-Schurz-Straße 2/6, 13597 Berlin, Raum 211',
        agenda: [
          { title: 'Begrüßung und Genehmigung der Tagesordnung' },
          { title: 'Genehmigung des Protokolls der Sitzung vom 13.01.2027' },
          { title: 'Netzwerkfonds 2027: Vorstellung der Voten zu den Projektskizzen' },
          { title: 'Beschluss der Prioritätenliste für das Programmjahr 2027' },
          { title: 'Verschiedenes' },
        ],
      },
    },
    link: '/gremium/sitzungen/2027-02-10',
  },
  written_vote_opened: {
    recipient: committeeMember,
    district: spandau,
    data: {
      committee,
      vote: {
        subject: 'Nachrücken auf der Prioritätenliste 2027',
        closesAt: '2027-03-05T11:00:00Z',
        items: [{ title: '„Kiezküchen verbinden“ rückt auf Platz 7 der Prioritätenliste nach' }],
      },
    },
    link: '/gremium/umlaufverfahren/2027-03',
  },
  written_vote_closing: {
    recipient: committeeMember,
    district: spandau,
    data: {
      committee,
      vote: { subject: 'Nachrücken auf der Prioritätenliste 2027', closesAt: '2027-03-05T11:00:00Z' },
    },
    link: '/gremium/umlaufverfahren/2027-03',
  },
  minutes_available: {
    recipient: committeeMember,
    district: spandau,
    data: {
      committee,
      session: { startsAt: '2027-02-10T09:00:00Z' },
      minutes: { objectionsBy: '2027-02-24' },
    },
    link: '/gremium/sitzungen/2027-02-10/protokoll',
  },
  submission_deadline: {
    recipient: member,
    district: spandau,
    data: {
      call,
      daysLeft: 3,
      application: { title: application.title, updatedAt: '2026-12-09T16:20:00Z' },
    },
    link: '/antraege/entwuerfe/8c1f',
  },
  change_request_deadline: {
    recipient: member,
    district: spandau,
    data: {
      application,
      request: { requestedOn: '2026-11-08', replyBy: '2026-11-22' },
      daysLeft: 1,
    },
    link: '/antraege/NWF-2027-014/bearbeiten',
  },
  review_deadline: {
    recipient: committeeMember,
    district: spandau,
    data: {
      committee,
      review: { due: '2027-01-29' },
      daysLeft: 3,
      applications: [
        { title: application.title, organisation: carrier },
        {
          title: 'Bewegte Pause – Sport auf Spandauer Schulhöfen',
          organisation: { name: 'Sportfreunde Heerstraße e. V.' },
        },
      ],
    },
    link: '/gremium/voten',
  },
  prompt_use_deadline: {
    recipient: member,
    district: spandau,
    data: {
      application,
      callOff: { number: 2, amountCents: 2_000_000, paidOn: '2027-09-08', spendBy: '2027-11-08' },
      daysLeft: 14,
    },
    link: '/antraege/NWF-2027-014',
  },
};
