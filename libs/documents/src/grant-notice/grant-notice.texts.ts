import type { Locale } from '@kiezfonds/domain';

const GERMAN_NUMBERS = [
  '',
  'einem',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
];
const ENGLISH_NUMBERS = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

export interface GrantNoticeTexts {
  documentTitle: string;
  fileReference: string;
  date: string;
  legalRepresentatives: string;
  subject: (fund: string, programme: string, programmeYear: number) => string;
  projectLine: (title: string) => string;
  yourApplication: (date: string) => string;
  salutation: string;
  sections: { grant: string; payment: string; reports: string; conditions: string; remedy: string };
  decision: (p: {
    applicationDate?: string;
    /** What the grant rests on, from `basis` (empty when the notice records no decision). */
    basis?: string;
    title: string;
    amount: string;
    start: string;
    end: string;
  }) => string;
  /** The committee's decision as the decision sentence cites it; dates already formatted. */
  basis: (d: {
    committee: string;
    procedure: 'written' | 'roll_call';
    id: string;
    decidedOn: string;
    session?: { title: string; date: string };
    programmePlanFinalisedOn?: string;
  }) => string;
  labels: {
    recipient: string;
    project: string;
    reference: string;
    amount: string;
    fundingType: string;
    period: string;
    programmeYear: string;
    fund: string;
    legalBasis: string;
  };
  upTo: (amount: string) => string;
  periodRange: (start: string, end: string) => string;
  fundWithProgramme: (fund: string, programme: string) => string;
  legalBasis: string;
  outsidePeriod: string;
  defaultFundingType: string;
  defaultProgramme: string;
  cashYear: string;
  amount: string;
  total: string;
  callOff: string;
  /** The prompt-use period of each cash year's money; one sentence when they are all alike. */
  promptUse: (periods: ReadonlyArray<{ cashYear: number; months: number }>) => string;
  report: string;
  due: string;
  interimReport: (covers: string) => string;
  proofOfUse: string;
  repayment: string;
  anbestP: string;
  furtherConditions: string;
  remedy: (authority: string) => string;
  closing: string;
  onBehalf: string;
}

export const GRANT_NOTICE_TEXTS: Record<Locale, GrantNoticeTexts> = {
  de: {
    documentTitle: 'Zuwendungsbescheid',
    fileReference: 'Geschäftszeichen',
    date: 'Datum',
    legalRepresentatives: 'vertreten durch',
    subject: (fund, programme, year) => `${fund} im Programm ${programme}, Programmjahr ${year}`,
    projectLine: (title) => `Projekt: „${title}“`,
    yourApplication: (date) => `Ihr Antrag vom ${date}`,
    salutation: 'Sehr geehrte Damen und Herren,',
    sections: {
      grant: '1. Bewilligung',
      payment: '2. Auszahlung nach Kassenjahren',
      reports: '3. Berichte und Verwendungsnachweis',
      conditions: '4. Nebenbestimmungen',
      remedy: 'Rechtsbehelfsbelehrung',
    },
    decision: ({ applicationDate, basis, title, amount, start, end }) =>
      `${applicationDate ? `auf Ihren Antrag vom ${applicationDate} ` : 'auf Ihren Antrag '}` +
      `${basis ? `und ${basis} ` : ''}bewillige ich Ihnen ` +
      `für die Durchführung des Projekts „${title}“ im Bewilligungszeitraum vom ${start} bis ${end} ` +
      `eine Zuwendung in Höhe von bis zu ${amount}.`,
    basis: ({ committee, procedure, id, decidedOn, session, programmePlanFinalisedOn }) =>
      `auf Grund des Beschlusses des Gremiums „${committee}“ ` +
      (procedure === 'roll_call' && session
        ? `in seiner Sitzung „${session.title}“ am ${session.date} `
        : `im Umlaufverfahren vom ${decidedOn} `) +
      `(Beschluss ${id})` +
      (programmePlanFinalisedOn
        ? ` und der am ${programmePlanFinalisedOn} abgeschlossenen Programmplanung`
        : ''),
    labels: {
      recipient: 'Zuwendungsempfänger:in',
      project: 'Projekt',
      reference: 'Antragsnummer',
      amount: 'Zuwendungsbetrag',
      fundingType: 'Finanzierungsart',
      period: 'Bewilligungszeitraum',
      programmeYear: 'Programmjahr',
      fund: 'Fonds',
      legalBasis: 'Rechtsgrundlage',
    },
    upTo: (amount) => `bis zu ${amount}`,
    periodRange: (start, end) => `${start} bis ${end}`,
    fundWithProgramme: (fund, programme) => `${fund} (Programm ${programme})`,
    legalBasis: '§§ 23 und 44 der Landeshaushaltsordnung Berlin (LHO) mit den Ausführungsvorschriften',
    outsidePeriod: 'Ausgaben vor Beginn oder nach Ende des Bewilligungszeitraums sind nicht zuwendungsfähig.',
    defaultFundingType: 'Projektförderung als Fehlbedarfsfinanzierung, nicht rückzahlbarer Zuschuss',
    defaultProgramme: 'Sozialer Zusammenhalt',
    cashYear: 'Kassenjahr',
    amount: 'Betrag',
    total: 'Summe',
    callOff:
      'Die Mittel werden auf Ihre Anforderung (Mittelabruf) ausgezahlt, in jedem Kassenjahr höchstens bis zur Höhe ' +
      'der dafür vorgesehenen Rate.',
    promptUse: (periods) => {
      const months = uniform(periods);
      return months !== null
        ? `Sie dürfen Mittel nur so weit abrufen, wie Sie sie innerhalb von ${germanMonths(months)} nach der ` +
            'Auszahlung für fällige Zahlungen benötigen.'
        : 'Sie dürfen Mittel nur so weit abrufen, wie Sie sie für fällige Zahlungen benötigen: ' +
            periods
              .map((p) => `die Mittel des Kassenjahres ${p.cashYear} innerhalb von ${germanMonths(p.months)}`)
              .join(', ') +
            ' nach der Auszahlung.';
    },
    report: 'Nachweis',
    due: 'vorzulegen bis',
    interimReport: (covers) => `Zwischenbericht (Sachbericht) ${covers}`,
    proofOfUse: 'Verwendungsnachweis (Sachbericht und zahlenmäßiger Nachweis)',
    repayment:
      'Nicht oder nicht rechtzeitig verwendete Mittel sind zu erstatten; der Erstattungsbetrag ist ab der ' +
      'Auszahlung mit 5 Prozentpunkten über dem Basiszinssatz jährlich zu verzinsen.',
    anbestP:
      'Die Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P) sind Bestandteil ' +
      'dieses Bescheides.',
    furtherConditions: 'Darüber hinaus gelten folgende Nebenbestimmungen:',
    remedy: (authority) =>
      'Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Widerspruch erhoben werden. ' +
      `Der Widerspruch ist schriftlich oder zur Niederschrift beim ${authority} einzulegen.`,
    closing: 'Mit freundlichen Grüßen',
    onBehalf: 'Im Auftrag',
  },
  en: {
    documentTitle: 'Notice of grant (Zuwendungsbescheid)',
    fileReference: 'File reference',
    date: 'Date',
    legalRepresentatives: 'represented by',
    subject: (fund, programme, year) => `${fund}, programme ${programme}, programme year ${year}`,
    projectLine: (title) => `Project: “${title}”`,
    yourApplication: (date) => `Your application of ${date}`,
    salutation: 'Dear Sir or Madam,',
    sections: {
      grant: '1. Grant',
      payment: '2. Payment by cash year',
      reports: '3. Reports and proof of use',
      conditions: '4. Conditions',
      remedy: 'Legal remedy',
    },
    decision: ({ applicationDate, basis, title, amount, start, end }) =>
      `${applicationDate ? `In response to your application of ${applicationDate}` : 'In response to your application'}` +
      `${basis ? ` and ${basis}` : ''}, ` +
      `I hereby grant you up to ${amount} for carrying out the project “${title}” in the funding period from ` +
      `${start} to ${end}.`,
    basis: ({ committee, procedure, id, decidedOn, session, programmePlanFinalisedOn }) =>
      `on the basis of the decision of the committee “${committee}” ` +
      (procedure === 'roll_call' && session
        ? `taken in its session “${session.title}” on ${session.date} `
        : `by written procedure (Umlaufverfahren) closed on ${decidedOn} `) +
      `(decision ${id})` +
      (programmePlanFinalisedOn ? ` and the programme plan finalised on ${programmePlanFinalisedOn}` : ''),
    labels: {
      recipient: 'Recipient',
      project: 'Project',
      reference: 'Application number',
      amount: 'Amount granted',
      fundingType: 'Type of funding',
      period: 'Funding period',
      programmeYear: 'Programme year',
      fund: 'Fund',
      legalBasis: 'Legal basis',
    },
    upTo: (amount) => `up to ${amount}`,
    periodRange: (start, end) => `${start} to ${end}`,
    fundWithProgramme: (fund, programme) => `${fund} (programme ${programme})`,
    legalBasis: 'Sections 23 and 44 of the Berlin State Budget Code (LHO) and its implementing rules',
    outsidePeriod: 'Expenditure before the start or after the end of the funding period is not eligible.',
    defaultFundingType: 'Project funding covering a shortfall (Fehlbedarfsfinanzierung), non-repayable grant',
    defaultProgramme: 'Sozialer Zusammenhalt',
    cashYear: 'Cash year',
    amount: 'Amount',
    total: 'Total',
    callOff:
      'The funds are paid on your request (call-off), in each cash year up to the instalment set for that year.',
    promptUse: (periods) => {
      const months = uniform(periods);
      return months !== null
        ? `You may only call off funds to the extent that you need them for payments due within ` +
            `${englishMonths(months)} of payment.`
        : 'You may only call off funds to the extent that you need them for payments due within the following ' +
            'period of payment: ' +
            periods
              .map((p) => `${englishMonths(p.months)} for the funds of cash year ${p.cashYear}`)
              .join(', ') +
            '.';
    },
    report: 'Report',
    due: 'due by',
    interimReport: (covers) => `Interim report (narrative) ${covers}`,
    proofOfUse: 'Proof of use (narrative report and statement of figures)',
    repayment:
      'Funds not used, or not used in time, must be repaid with interest of 5 percentage points above the base ' +
      'rate per year from the day of payment.',
    anbestP: 'The general conditions for project grants (ANBest-P) form part of this notice.',
    furtherConditions: 'In addition, the following conditions apply:',
    remedy: (authority) =>
      'An objection (Widerspruch) to this notice may be lodged within one month of its notification, in writing ' +
      `or for the record at ${authority}.`,
    closing: 'Yours faithfully,',
    onBehalf: 'On behalf of the district office',
  },
};

/** The one period all cash years share, or null when they differ. */
function uniform(periods: ReadonlyArray<{ months: number }>): number | null {
  const first = periods[0]?.months ?? null;
  return periods.every((p) => p.months === first) ? first : null;
}

function englishMonths(months: number): string {
  return `${ENGLISH_NUMBERS[months] ?? months} month${months === 1 ? '' : 's'}`;
}

function germanMonths(months: number): string {
  return months === 1 ? 'einem Monat' : `${GERMAN_NUMBERS[months] ?? months} Monaten`;
}
