import type { Locale } from '@kiezfonds/domain';
import type {
  AttendanceStatus,
  DecisionRules,
  ItemOutcome,
  MemberRole,
  QuorumState,
  VoteChoice,
} from './minutes.input';

type Share = DecisionRules['quorumShare'];

const SHARES: Record<Locale, Record<string, string>> = {
  de: { '1/2': 'die Hälfte', '2/3': 'zwei Drittel', '3/4': 'drei Viertel', '1/1': 'alle' },
  en: { '1/2': 'half', '2/3': 'two thirds', '3/4': 'three quarters', '1/1': 'all' },
};

function share(locale: Locale, { numerator, denominator }: Share): string {
  return SHARES[locale][`${numerator}/${denominator}`] ?? `${numerator}/${denominator}`;
}

export interface MinutesTexts {
  documentTitle: (committee: string, written: boolean) => string;
  labels: {
    date: string;
    committee: string;
    startsAt: string;
    endsAt: string;
    scheduledFor: string;
    place: string;
    procedure: string;
    openedAt: string;
    deadline: string;
    closedAt: string;
    chair: string;
    minuteTaker: string;
    carrier: string;
    reference: string;
    requested: string;
    discussion: string;
    votes: string;
    cast: string;
    required: string;
    outcome: string;
    decision: string;
  };
  writtenProcedure: string;
  attendance: string;
  attendanceColumns: { name: string; department: string; role: string; status: string };
  roles: Record<MemberRole, string>;
  status: (status: AttendanceStatus, substitute?: string, presentFor?: readonly number[]) => string;
  quorum: string;
  sessionQuorum: (quorum: QuorumState, share: Share) => string;
  rules: string;
  rulesText: (rules: DecisionRules) => string;
  item: (number: number, title: string) => string;
  itemQuorum: (quorum: QuorumState) => string;
  recused: (names: string) => string;
  openedWithoutQuorum: (present: number, required: number) => string;
  voteColumns: { member: string; vote: string; castAt: string };
  choices: Record<VoteChoice, string>;
  withdrawn: string;
  withdrawnNote: (names: string) => string;
  substituteFor: (name: string, member: string) => string;
  tally: (counts: Record<VoteChoice, number>) => string;
  cast: (count: number, abstentionsCount: boolean) => string;
  majority: Record<DecisionRules['majority'], string>;
  outcomes: Record<ItemOutcome, string>;
}

export const MINUTES_TEXTS: Record<Locale, MinutesTexts> = {
  de: {
    documentTitle: (committee, written) =>
      written ? `Protokoll des Umlaufverfahrens der ${committee}` : `Protokoll der Sitzung der ${committee}`,
    labels: {
      date: 'Datum',
      committee: 'Gremium',
      startsAt: 'Beginn',
      endsAt: 'Ende',
      scheduledFor: 'Einberufen für',
      place: 'Ort',
      procedure: 'Verfahren',
      openedAt: 'Eröffnet',
      deadline: 'Frist',
      closedAt: 'Abgeschlossen',
      chair: 'Leitung',
      minuteTaker: 'Protokoll',
      carrier: 'Träger:in',
      reference: 'Antragsnummer',
      requested: 'Beantragt',
      discussion: 'Beratung',
      votes: 'Stimmen',
      cast: 'Abgegeben',
      required: 'Erforderlich',
      outcome: 'Ergebnis',
      decision: 'Beschluss',
    },
    writtenProcedure: 'Umlaufverfahren (schriftliche Abstimmung)',
    attendance: 'Anwesenheit',
    attendanceColumns: { name: 'Name', department: 'Fachbereich', role: 'Funktion', status: 'Anwesenheit' },
    roles: { voting: 'stimmberechtigt', advisory: 'beratend' },
    status: (status, substitute, presentFor) =>
      (status === 'present'
        ? 'anwesend'
        : status === 'absent'
          ? 'abwesend'
          : `vertreten durch ${substitute ?? '–'}`) +
      (presentFor && status !== 'absent' ? ` (nur TOP ${presentFor.join(', ')})` : ''),
    quorum: 'Beschlussfähigkeit',
    sessionQuorum: (quorum, rule) =>
      `Anwesend sind ${quorum.participating} von ${quorum.votingMembers} stimmberechtigten Mitgliedern; ` +
      `erforderlich sind ${quorum.required} (${share('de', rule)}). ` +
      (quorum.met ? 'Das Gremium ist beschlussfähig.' : 'Das Gremium ist nicht beschlussfähig.'),
    rules: 'Abstimmungsregeln',
    rulesText: (rules) =>
      `Das Gremium ist beschlussfähig, wenn ${share('de', rules.quorumShare)} der stimmberechtigten Mitglieder ` +
      `mitwirken. Beschlüsse bedürfen der ${rules.majority === 'simple' ? 'einfachen Mehrheit' : 'Zwei-Drittel-Mehrheit'} ` +
      `der abgegebenen Stimmen; Enthaltungen zählen ${rules.abstentionsCountAsCast ? '' : 'nicht '}als abgegebene ` +
      'Stimmen. Befangene Mitglieder wirken an Beratung und Abstimmung nicht mit.',
    item: (number, title) => `TOP ${number}: ${title}`,
    itemQuorum: (quorum) =>
      `Mitgewirkt haben ${quorum.participating} von ${quorum.votingMembers} stimmberechtigten Mitgliedern ` +
      `(erforderlich: ${quorum.required}); ${quorum.met ? 'beschlussfähig' : 'nicht beschlussfähig'}.`,
    recused: (names) => `Wegen Befangenheit nicht mitgewirkt: ${names}.`,
    openedWithoutQuorum: (present, required) =>
      `Die Abstimmung wurde eröffnet, obwohl das Gremium nicht beschlussfähig war (anwesend ${present}, erforderlich ${required}).`,
    voteColumns: { member: 'Mitglied', vote: 'Stimme', castAt: 'Abgegeben am' },
    choices: {
      yes: 'Ja',
      no: 'Nein',
      abstain: 'Enthaltung',
      recused: 'befangen – nicht mitgewirkt',
      none: 'keine Stimme abgegeben',
      absent: 'nicht anwesend',
    },
    withdrawn: 'befangen (zurückgezogen)',
    withdrawnNote: (names) =>
      `Nach der Stimmabgabe Befangenheit angezeigt; die Stimme wurde zurückgezogen und zählt nicht: ${names}.`,
    substituteFor: (name, member) => `${name} (in Vertretung für ${member})`,
    tally: (c) =>
      `Ja ${c.yes} · Nein ${c.no} · Enthaltung ${c.abstain} · befangen ${c.recused}` +
      (c.none > 0 ? ` · keine Stimme ${c.none}` : ''),
    cast: (count, abstentionsCount) =>
      `${count} Stimmen (Enthaltungen ${abstentionsCount ? 'mitgezählt' : 'nicht mitgezählt'})`,
    majority: {
      simple: 'einfache Mehrheit der abgegebenen Stimmen',
      'two-thirds': 'Zwei-Drittel-Mehrheit der abgegebenen Stimmen',
    },
    outcomes: {
      adopted: 'angenommen',
      rejected: 'abgelehnt',
      'no-quorum': 'keine Beschlussfassung (nicht beschlussfähig)',
    },
  },
  en: {
    documentTitle: (committee, written) =>
      written
        ? `Minutes of the written procedure of the ${committee}`
        : `Minutes of the session of the ${committee}`,
    labels: {
      date: 'Date',
      committee: 'Committee',
      startsAt: 'Started',
      endsAt: 'Ended',
      scheduledFor: 'Convened for',
      place: 'Place',
      procedure: 'Procedure',
      openedAt: 'Opened',
      deadline: 'Deadline',
      closedAt: 'Closed',
      chair: 'Chair',
      minuteTaker: 'Minutes',
      carrier: 'Carrier',
      reference: 'Application number',
      requested: 'Requested',
      discussion: 'Discussion',
      votes: 'Votes',
      cast: 'Cast',
      required: 'Required',
      outcome: 'Result',
      decision: 'Decision',
    },
    writtenProcedure: 'Written procedure (Umlaufverfahren)',
    attendance: 'Attendance',
    attendanceColumns: { name: 'Name', department: 'Department', role: 'Role', status: 'Attendance' },
    roles: { voting: 'voting', advisory: 'advisory' },
    status: (status, substitute, presentFor) =>
      (status === 'present'
        ? 'present'
        : status === 'absent'
          ? 'absent'
          : `represented by ${substitute ?? '–'}`) +
      (presentFor && status !== 'absent' ? ` (item ${presentFor.join(', ')} only)` : ''),
    quorum: 'Quorum',
    sessionQuorum: (quorum, rule) =>
      `${quorum.participating} of ${quorum.votingMembers} voting members are present; ${quorum.required} are ` +
      `required (${share('en', rule)}). ` +
      (quorum.met ? 'The committee has a quorum.' : 'The committee does not have a quorum.'),
    rules: 'Voting rules',
    rulesText: (rules) =>
      `The committee has a quorum when ${share('en', rules.quorumShare)} of the voting members take part. ` +
      `Decisions require a ${rules.majority === 'simple' ? 'simple' : 'two-thirds'} majority of the votes cast; ` +
      `abstentions ${rules.abstentionsCountAsCast ? 'count' : 'do not count'} as votes cast. Members with a ` +
      'conflict of interest take no part in the discussion or the vote.',
    item: (number, title) => `Item ${number}: ${title}`,
    itemQuorum: (quorum) =>
      `${quorum.participating} of ${quorum.votingMembers} voting members took part (required: ` +
      `${quorum.required}); ${quorum.met ? 'quorum present' : 'no quorum'}.`,
    recused: (names) => `Took no part because of a conflict of interest: ${names}.`,
    openedWithoutQuorum: (present, required) =>
      `The vote was opened although the committee had no quorum (present ${present}, required ${required}).`,
    voteColumns: { member: 'Member', vote: 'Vote', castAt: 'Cast at' },
    choices: {
      yes: 'Yes',
      no: 'No',
      abstain: 'Abstain',
      recused: 'Recused – took no part',
      none: 'No vote cast',
      absent: 'Not present',
    },
    withdrawn: 'Recused (withdrawn)',
    withdrawnNote: (names) =>
      `Declared a conflict of interest after voting; the vote was withdrawn and does not count: ${names}.`,
    substituteFor: (name, member) => `${name} (substitute for ${member})`,
    tally: (c) =>
      `Yes ${c.yes} · No ${c.no} · Abstain ${c.abstain} · Recused ${c.recused}` +
      (c.none > 0 ? ` · No vote ${c.none}` : ''),
    cast: (count, abstentionsCount) =>
      `${count} votes (abstentions ${abstentionsCount ? 'included' : 'not included'})`,
    majority: {
      simple: 'simple majority of the votes cast',
      'two-thirds': 'two-thirds majority of the votes cast',
    },
    outcomes: {
      adopted: 'adopted',
      rejected: 'rejected',
      'no-quorum': 'no decision (no quorum)',
    },
  },
};
