import type { Locale } from '@kiezfonds/domain';

export const RECOVERY_NOTICE_TEXTS: Record<
  Locale,
  {
    documentTitle: string;
    fileReference: string;
    date: string;
    project: (title: string, reference: string) => string;
    salutation: string;
    decision: (args: {
      grantNotice: string;
      principal: string;
      interest: string;
      total: string;
      dueBy: string;
    }) => string;
    reason: Record<'unspent' | 'revocation' | 'late_use', string>;
    sections: {
      settlement: string;
      steps: string;
      principal: string;
      interest: string;
      total: string;
      legal: string;
    };
    columns: {
      cashYear: string;
      category: string;
      planned: string;
      actual: string;
      eligible: string;
      rule: string;
      period: string;
      days: string;
      rate: string;
      amount: string;
    };
    financingType: string;
    share: (percent: string) => string;
    paymentLine: (paidOn: string) => string;
    rateText: (rate: string, base: string) => string;
    /** Appended to a cost line's rule when a net settlement took VAT off it. */
    vatTakenOff: (amount: string) => string;
    interestSum: string;
    /** Late-use interest already paid on the same money, credited. */
    lateUseCredit: {
      rule: string;
      /** The share of what was paid that fell on the reclaimed part of the payment (heading: all of it). */
      share: (claimed: string) => string;
      heading: (args: {
        reference: string | null;
        paidOn: string;
        usedOn: string;
        principal: string;
      }) => string;
      paid: string;
      credited: string;
    };
    totals: { principal: string; interest: string; total: string };
    /** `until` is null for late use: its interest ends with the use. */
    interestRule: (until: string | null) => string;
    legal: string;
    closing: string;
  }
> = {
  de: {
    documentTitle: 'Rückforderungs- und Zinsbescheid',
    fileReference: 'Geschäftszeichen',
    date: 'Datum',
    project: (title, reference) => `Projekt: ${title} (${reference})`,
    salutation: 'Sehr geehrte Damen und Herren,',
    decision: ({ grantNotice, principal, interest, total, dueBy }) =>
      `der Zuwendungsbescheid ${grantNotice} wird insoweit aufgehoben, als die Zuwendung den unten berechneten Betrag übersteigt. Sie werden aufgefordert, ${principal} zu erstatten und Zinsen von ${interest} zu zahlen, zusammen ${total}, bis zum ${dueBy}.`,
    reason: {
      unspent:
        'Grund: Die mit dem Verwendungsnachweis belegten zuwendungsfähigen Ausgaben rechtfertigen nur eine geringere Zuwendung als ausgezahlt.',
      revocation:
        'Grund: Der Zuwendungsbescheid wurde widerrufen; die ausgezahlten Mittel sind zu erstatten.',
      late_use:
        'Grund: Abgerufene Mittel wurden nicht innerhalb der Frist verwendet; für die Zeit von der Auszahlung bis zur Verwendung sind Zinsen zu zahlen (§ 49a Abs. 4 VwVfG). Die Mittel selbst sind nicht zu erstatten.',
    },
    sections: {
      settlement: '1. Zuwendungsfähige Ausgaben nach Ausgabepositionen',
      steps: '2. Berechnung der endgültigen Zuwendung',
      principal: '3. Erstattungsbetrag',
      interest: '4. Zinsen (5 Prozentpunkte über dem Basiszinssatz, § 49a Abs. 3 VwVfG)',
      total: '5. Zu zahlender Gesamtbetrag',
      legal: 'Rechtsgrundlagen',
    },
    columns: {
      cashYear: 'Kassenjahr',
      category: 'Position',
      planned: 'Geplant',
      actual: 'Ausgegeben',
      eligible: 'Zuwendungsfähig',
      rule: 'Angewandte Regel',
      period: 'Zeitraum',
      days: 'Tage',
      rate: 'Zinssatz',
      amount: 'Betrag',
    },
    financingType: 'Finanzierungsart',
    share: (percent) => `Anteil ${percent}`,
    paymentLine: (paidOn) => `Auszahlung vom ${paidOn}`,
    rateText: (rate, base) => `${rate} (Basiszins ${base})`,
    vatTakenOff: (amount) => `abgezogene Umsatzsteuer ${amount}`,
    interestSum: 'Zinsen zusammen',
    lateUseCredit: {
      rule: 'Zinsen für verspätete Verwendung (§ 49a Abs. 4 VwVfG), die Sie für dieselben Mittel bereits gezahlt haben, werden angerechnet (wird nur ein Teil einer Auszahlung zurückgefordert, der auf diesen Teil entfallende Anteil), höchstens bis zur Höhe der Zinsen auf diese Auszahlung: kein Tag derselben Mittel wird doppelt verzinst.',
      share: (claimed) => `Anteil für ${claimed}`,
      heading: ({ reference, paidOn, usedOn, principal }) =>
        `Anrechnung bereits gezahlter Zinsen für verspätete Verwendung${reference ? ` (Bescheid ${reference})` : ''}: Auszahlung vom ${paidOn} über ${principal}, verwendet am ${usedOn}`,
      paid: 'Davon gezahlt',
      credited: 'Angerechnet zusammen',
    },
    totals: { principal: 'Erstattungsbetrag', interest: 'Zinsen', total: 'Gesamtbetrag' },
    interestRule: (until) =>
      until === null
        ? 'Zinstage vom Tag der Auszahlung (einschließlich) bis zum Tag der Verwendung (ausschließlich), 365 Tage je Jahr; jede Zeile kaufmännisch auf volle Cent gerundet.'
        : `Zinstage vom Tag der Auszahlung (einschließlich) bis zum ${until} (ausschließlich), 365 Tage je Jahr; jede Zeile kaufmännisch auf volle Cent gerundet. Geht die Zahlung später ein, laufen die Zinsen bis zum Tag des Eingangs weiter.`,
    legal:
      '§§ 23, 44 LHO Berlin mit den Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P) Nr. 1.2 und 2.1; §§ 49, 49a VwVfG; § 247 BGB.',
    closing: 'Mit freundlichen Grüßen',
  },
  en: {
    documentTitle: 'Recovery and interest notice',
    fileReference: 'File reference',
    date: 'Date',
    project: (title, reference) => `Project: ${title} (${reference})`,
    salutation: 'Dear Sir or Madam,',
    decision: ({ grantNotice, principal, interest, total, dueBy }) =>
      `the grant notice ${grantNotice} is revoked in so far as the grant exceeds the amount calculated below. You are requested to repay ${principal} and to pay interest of ${interest}, together ${total}, by ${dueBy}.`,
    reason: {
      unspent:
        'Reason: the eligible costs shown in the proof of use justify only a smaller grant than was paid.',
      revocation: 'Reason: the grant notice was revoked; the money paid is to be repaid.',
      late_use:
        'Reason: money called off was not used within the period; interest is due for the time from the payment to its use (§ 49a (4) VwVfG). The money itself is not to be repaid.',
    },
    sections: {
      settlement: '1. Eligible costs by cost line',
      steps: '2. Calculation of the final grant',
      principal: '3. Amount to repay',
      interest: '4. Interest (5 percentage points above the base rate, § 49a (3) VwVfG)',
      total: '5. Total to pay',
      legal: 'Legal basis',
    },
    columns: {
      cashYear: 'Cash year',
      category: 'Line',
      planned: 'Planned',
      actual: 'Spent',
      eligible: 'Eligible',
      rule: 'Rule applied',
      period: 'Period',
      days: 'Days',
      rate: 'Rate',
      amount: 'Amount',
    },
    financingType: 'Financing type',
    share: (percent) => `Share ${percent}`,
    paymentLine: (paidOn) => `Payment of ${paidOn}`,
    rateText: (rate, base) => `${rate} (base rate ${base})`,
    vatTakenOff: (amount) => `VAT taken off ${amount}`,
    interestSum: 'Interest, together',
    lateUseCredit: {
      rule: 'Interest for late use (§ 49a (4) VwVfG) that you have already paid on the same money is credited (where only part of a payment is reclaimed, the share that fell on that part), at most up to the interest on that payment: no day of the same money bears interest twice.',
      share: (claimed) => `Share for ${claimed}`,
      heading: ({ reference, paidOn, usedOn, principal }) =>
        `Credit for interest for late use already paid${reference ? ` (notice ${reference})` : ''}: payment of ${paidOn} of ${principal}, used on ${usedOn}`,
      paid: 'Of which paid',
      credited: 'Credited, together',
    },
    totals: { principal: 'Amount to repay', interest: 'Interest', total: 'Total' },
    interestRule: (until) =>
      until === null
        ? 'Interest days from the day of payment (inclusive) to the day of use (exclusive), 365 days a year; each line rounded half up to the cent.'
        : `Interest days from the day of payment (inclusive) to ${until} (exclusive), 365 days a year; each line rounded half up to the cent. If the payment arrives later, interest runs on to the day it arrives.`,
    legal:
      '§§ 23, 44 LHO Berlin with the general conditions for project grants (ANBest-P) no. 1.2 and 2.1; §§ 49, 49a VwVfG; § 247 BGB.',
    closing: 'Yours faithfully',
  },
};
