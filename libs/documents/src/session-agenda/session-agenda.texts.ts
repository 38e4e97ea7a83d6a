import type { Locale } from '@kiezfonds/domain';

export const SESSION_AGENDA_TEXTS = {
  de: {
    documentTitle: (committee: string) => `Einladung zur Sitzung der ${committee}`,
    date: 'Datum',
    labels: { committee: 'Gremium', startsAt: 'Beginn', endsAt: 'Ende (voraussichtlich)', place: 'Ort' },
    salutation: (committee: string) => `Sehr geehrte Mitglieder der ${committee},`,
    invitation:
      'hiermit lade ich Sie zur Sitzung ein. Sollten Sie verhindert sein, teilen Sie dies bitte rechtzeitig mit und ' +
      'benennen Sie Ihre Vertretung.',
    conflicts:
      'Besteht bei Ihnen zu einem Antrag ein Interessenkonflikt (zum Beispiel ein Amt bei der Träger:in), zeigen Sie ' +
      'ihn bitte vor der Sitzung an. Sie wirken dann an Beratung und Abstimmung zu diesem Antrag nicht mit.',
    agenda: 'Tagesordnung',
    columns: {
      item: 'TOP',
      application: 'Antrag',
      carrier: 'Träger:in',
      requested: 'Beantragt',
      areas: 'Gebiete',
    },
    totalRequested: 'Beantragt insgesamt',
    closing: 'Mit freundlichen Grüßen',
  },
  en: {
    documentTitle: (committee: string) => `Invitation to the session of the ${committee}`,
    date: 'Date',
    labels: { committee: 'Committee', startsAt: 'Starts', endsAt: 'Ends (expected)', place: 'Place' },
    salutation: (committee: string) => `Dear members of the ${committee},`,
    invitation:
      'I hereby invite you to the session. If you cannot attend, please let us know in good time and name your ' +
      'substitute.',
    conflicts:
      'If you have a conflict of interest regarding an application (for example a position with the carrier), ' +
      'please declare it before the session. You will then take no part in the discussion of and vote on it.',
    agenda: 'Agenda',
    columns: {
      item: 'Item',
      application: 'Application',
      carrier: 'Carrier',
      requested: 'Requested',
      areas: 'Areas',
    },
    totalRequested: 'Total requested',
    closing: 'Yours sincerely,',
  },
} satisfies Record<Locale, unknown>;
