import { Money } from '@kiezfonds/domain';
import type { GrantNoticeInput } from '../grant-notice/grant-notice.input';
import type { IssuingOffice } from '../layout/issuer';
import type { MinutesInput } from '../minutes/minutes.input';
import type { ProgrammeListInput } from '../programme-list/programme-list.input';
import type { SessionAgendaInput } from '../session-agenda/session-agenda.input';

/** Spandau's urban-development office, as the seed knows it. */
export const spandauOffice: IssuingOffice = {
  district: 'Bezirksamt Spandau von Berlin',
  office: 'Stadtentwicklungsamt',
  unit: 'Fachbereich Stadtplanung – Sozialer Zusammenhalt',
  address: { street: 'Carl-Schurz-Straße 2/6', postalCode: '13597', city: 'Berlin' },
  contact: {
    name: 'Jörg Weiß',
    phone: '030 90279-2345',
    email: 'sozialer-zusammenhalt@ba-spandau.berlin.de',
  },
};

export function grantNoticeInput(overrides: Partial<GrantNoticeInput> = {}): GrantNoticeInput {
  return {
    locale: 'de',
    issuer: spandauOffice,
    recipient: {
      name: 'Nachbarschaftshilfe Falkenhagener Feld e. V.',
      address: { street: 'Westerwaldstraße 15', postalCode: '13589', city: 'Berlin' },
      legalRepresentatives: [
        { name: 'Ayşe Demir', role: 'Vorstand' },
        { name: 'Günther Möller', role: 'Schatzmeister' },
      ],
    },
    fileReference: 'Stadt 3 SZ-NWF 2026/0007',
    issuedOn: '2026-11-22',
    applicationDate: '2026-09-30',
    fund: 'Netzwerkfonds',
    project: { title: 'Kiezlotsinnen für Familien', reference: 'NWF-2026-0007' },
    amount: Money.fromCents(12_345_678),
    period: { start: '2027-01-01', end: '2028-12-31' },
    programmeYear: 2026,
    instalments: [
      { cashYear: 2027, amount: Money.fromCents(6_000_000), promptUseMonths: 2 },
      { cashYear: 2028, amount: Money.fromCents(6_345_678), promptUseMonths: 2 },
    ],
    reports: {
      interim: [{ covers: '2027', due: '2028-02-28' }],
      proofOfUse: '2029-06-30',
    },
    conditions: [
      'Die Förderung ist in allen Veröffentlichungen mit dem Logo des Programms Sozialer Zusammenhalt kenntlich zu machen.',
      'Änderungen des Finanzierungsplans über 20 % einer Ausgabenposition bedürfen der vorherigen Zustimmung.',
    ],
    signatory: { name: 'Dr. Ines Schäfer', role: 'Leitung Stadtentwicklungsamt' },
    ...overrides,
  };
}

export function sessionAgendaInput(overrides: Partial<SessionAgendaInput> = {}): SessionAgendaInput {
  return {
    locale: 'de',
    issuer: spandauOffice,
    committee: 'AG Stabile Kieze',
    session: {
      title: '4. Sitzung 2026',
      startsAt: '2026-12-03T13:00:00Z',
      endsAt: '2026-12-03T15:30:00Z',
      place: 'Rathaus Spandau, Raum 214 (Sitzungssaal)',
    },
    invitedOn: '2026-11-19',
    applications: [
      {
        title: 'Kiezlotsinnen für Familien',
        reference: 'NWF-2026-0007',
        carrier: 'Nachbarschaftshilfe Falkenhagener Feld e. V.',
        requestedAmount: Money.fromCents(12_345_678),
        areas: ['Falkenhagener Feld Ost', 'Falkenhagener Feld West'],
      },
      {
        title: 'Grüne Höfe – Mitmachgärten',
        reference: 'NWF-2026-0011',
        carrier: 'Stadtteilzentrum Heerstraße gGmbH',
        requestedAmount: Money.fromCents(7_500_000),
        areas: ['Heerstraße Nord'],
      },
    ],
    otherItems: ['Verschiedenes'],
    signatory: { name: 'Jörg Weiß', role: 'Koordination Sozialer Zusammenhalt' },
    ...overrides,
  };
}

export function sessionMinutesInput(overrides: Partial<MinutesInput> = {}): MinutesInput {
  return {
    locale: 'de',
    issuer: spandauOffice,
    committee: 'AG Stabile Kieze',
    title: '4. Sitzung 2026',
    procedure: {
      kind: 'session',
      startsAt: '2026-12-03T13:00:00Z',
      endsAt: '2026-12-03T15:10:00Z',
      place: 'Rathaus Spandau, Raum 214',
      attendance: [
        { name: 'Dr. Ines Schäfer', department: 'Stadtentwicklungsamt', role: 'voting', status: 'present' },
        { name: 'Mehmet Öztürk', department: 'Jugendamt', role: 'voting', status: 'present' },
        {
          name: 'Claudia Groß',
          department: 'Schul- und Sportamt',
          role: 'voting',
          status: 'substituted',
          substitute: 'Björn Krüger',
        },
        { name: 'Fatma Yılmaz', department: 'Gesundheitsamt', role: 'voting', status: 'present' },
        {
          name: 'Peter Schmidt',
          department: 'Straßen- und Grünflächenamt',
          role: 'voting',
          status: 'absent',
        },
        { name: 'Anna Lübke', department: 'Amt für Soziales', role: 'voting', status: 'present' },
        { name: 'Sven Hoffmann', department: 'QM Heerstraße Nord', role: 'advisory', status: 'present' },
      ],
      quorum: { participating: 5, votingMembers: 6, required: 4, met: true },
    },
    chair: 'Dr. Ines Schäfer',
    minuteTaker: 'Jörg Weiß',
    rules: {
      quorumShare: { numerator: 2, denominator: 3 },
      majority: 'simple',
      abstentionsCountAsCast: false,
    },
    items: [
      {
        title: 'Kiezlotsinnen für Familien',
        reference: 'NWF-2026-0007',
        carrier: 'Nachbarschaftshilfe Falkenhagener Feld e. V.',
        requestedAmount: Money.fromCents(12_345_678),
        quorum: { participating: 4, votingMembers: 6, required: 4, met: true },
        votes: [
          { name: 'Dr. Ines Schäfer', choice: 'yes' },
          { name: 'Mehmet Öztürk', choice: 'recused' },
          { name: 'Björn Krüger', onBehalfOf: 'Claudia Groß', choice: 'yes' },
          { name: 'Fatma Yılmaz', choice: 'abstain' },
          { name: 'Anna Lübke', choice: 'yes' },
        ],
        outcome: 'adopted',
        decision: 'Die AG Stabile Kieze empfiehlt die Förderung in Höhe von 123.456,78 € mit Rang 1.',
      },
      {
        title: 'Grüne Höfe – Mitmachgärten',
        reference: 'NWF-2026-0011',
        carrier: 'Stadtteilzentrum Heerstraße gGmbH',
        requestedAmount: Money.fromCents(7_500_000),
        discussion: 'Die Fachbereiche sehen Überschneidungen mit dem Projektfonds Heerstraße Nord.',
        quorum: { participating: 5, votingMembers: 6, required: 4, met: true },
        votes: [
          { name: 'Dr. Ines Schäfer', choice: 'no' },
          { name: 'Mehmet Öztürk', choice: 'yes' },
          { name: 'Björn Krüger', onBehalfOf: 'Claudia Groß', choice: 'no' },
          { name: 'Fatma Yılmaz', choice: 'no' },
          { name: 'Anna Lübke', choice: 'abstain' },
        ],
        outcome: 'rejected',
        decision: 'Die AG Stabile Kieze empfiehlt keine Förderung.',
      },
    ],
    recordedOn: '2026-12-07',
    ...overrides,
  };
}

export function writtenMinutesInput(overrides: Partial<MinutesInput> = {}): MinutesInput {
  return sessionMinutesInput({
    title: 'Umlaufverfahren 2/2026',
    procedure: {
      kind: 'written',
      openedAt: '2026-12-10T08:00:00Z',
      deadline: '2026-12-17T11:00:00Z',
      closedAt: '2026-12-17T11:00:00Z',
    },
    items: [
      {
        title: 'Kiezlotsinnen für Familien: geänderter Finanzierungsplan',
        reference: 'NWF-2026-0007',
        carrier: 'Nachbarschaftshilfe Falkenhagener Feld e. V.',
        quorum: { participating: 4, votingMembers: 6, required: 4, met: true },
        votes: [
          { name: 'Dr. Ines Schäfer', choice: 'yes', castAt: '2026-12-10T09:15:00Z' },
          { name: 'Mehmet Öztürk', choice: 'recused' },
          { name: 'Claudia Groß', choice: 'yes', castAt: '2026-12-11T16:42:00Z' },
          { name: 'Fatma Yılmaz', choice: 'no', castAt: '2026-12-14T07:05:00Z' },
          { name: 'Peter Schmidt', choice: 'none' },
          { name: 'Anna Lübke', choice: 'yes', castAt: '2026-12-16T22:59:00Z' },
        ],
        outcome: 'adopted',
        decision: 'Die AG Stabile Kieze stimmt dem geänderten Finanzierungsplan zu.',
      },
    ],
    recordedOn: '2026-12-17',
    ...overrides,
  });
}

export function programmeListInput(overrides: Partial<ProgrammeListInput> = {}): ProgrammeListInput {
  return {
    locale: 'de',
    issuer: spandauOffice,
    fund: 'Netzwerkfonds',
    programmeYear: 2026,
    budget: Money.euros(250_000),
    basis: 'Beschluss der AG Stabile Kieze vom 03.12.2026',
    entries: [
      {
        rank: 2,
        title: 'Grüne Höfe – Mitmachgärten',
        reference: 'NWF-2026-0011',
        carrier: 'Stadtteilzentrum Heerstraße gGmbH',
        requestedAmount: Money.euros(75_000),
        amount: Money.euros(75_000),
        status: 'selected',
      },
      {
        rank: 1,
        title: 'Kiezlotsinnen für Familien',
        reference: 'NWF-2026-0007',
        carrier: 'Nachbarschaftshilfe Falkenhagener Feld e. V.',
        requestedAmount: Money.fromCents(12_345_678),
        amount: Money.euros(110_000),
        status: 'selected',
        adjustmentReason: 'Personalkosten auf eine halbe Stelle begrenzt.',
      },
      {
        rank: 3,
        title: 'Lesepat:innen im Kiez',
        reference: 'NWF-2026-0004',
        carrier: 'Bürgerstiftung Spandau',
        requestedAmount: Money.euros(80_000),
        amount: Money.euros(80_000),
        status: 'waitlisted',
      },
      {
        rank: 4,
        title: 'Bewegte Höfe',
        reference: 'NWF-2026-0015',
        carrier: 'Sportjugend Spandau e. V.',
        requestedAmount: Money.euros(70_000),
        amount: Money.euros(70_000),
        status: 'waitlisted',
      },
    ],
    preparedOn: '2026-12-08',
    signatory: { name: 'Dr. Ines Schäfer', role: 'Leitung Stadtentwicklungsamt' },
    ...overrides,
  };
}
