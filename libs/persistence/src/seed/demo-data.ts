import type { AreaKind } from '../entities/area.entity';
import type { CallStatus } from '../entities/call.entity';
import type { CommitteeMajority } from '../entities/committee.entity';
import type { LegalRepresentative } from '../entities/organisation.entity';
import type { DistrictRole } from '../entities/role-assignment.entity';
import type { UserLanguage } from '../entities/user.entity';

/**
 * The demo installation `npm run db:seed` creates: two districts run by their own staff and
 * committees, and four Berlin-wide carriers. Every person, organisation, address, registration
 * number and account here is invented; the e-mail addresses use the reserved `.example` domain.
 * Tests build their own data with factories (STYLE.md, "Tests"); this is for trying the app out.
 */

/** The password of every demo login. For development only: the seed refuses to run in production. */
export const DEMO_PASSWORD = 'kiezfonds-demo';

export interface DemoUser {
  email: string;
  displayName: string;
  language?: UserLanguage;
}

export interface DemoArea {
  slug: string;
  name: string;
  kind: AreaKind;
  /** Slug of the enclosing area in the same district. */
  parentSlug?: string;
}

export interface DemoActionField {
  slug: string;
  name: string;
}

export interface DemoCommitteeMember {
  email: string;
  department: string;
  voting: boolean;
}

export interface DemoCommittee {
  name: string;
  shortName: string;
  quorum: { numerator: number; denominator: number };
  majority: CommitteeMajority;
  abstentionsCountAsCast: boolean;
  /** First day of every member's seat (`YYYY-MM-DD`). */
  membersFrom: string;
  members: DemoCommitteeMember[];
}

export interface DemoCall {
  title: string;
  description: string;
  programmeYear: number;
  status: CallStatus;
  /** Integer euro cents. */
  expectedBudgetCents: number;
  minAmountCents: number;
  maxAmountCents: number;
  /** A PostgreSQL timestamptz literal with its zone, so the database applies Berlin's offset. */
  submissionDeadline: string;
  /** Attachments every application must carry before it can be submitted. */
  requiredAttachments: { key: string; label: string }[];
}

/**
 * The office that issues the district's grant notices (letterhead, address, signatory). The
 * letterhead names the Bezirksamt from the district's name; `name` is the office within it.
 */
export interface DemoOffice {
  name: string;
  unit: string;
  street: string;
  postalCode: string;
  email: string;
  signatoryName: string;
  signatoryRole: string;
}

export interface DemoDistrict {
  slug: string;
  name: string;
  office: DemoOffice;
  areas: DemoArea[];
  actionFields: DemoActionField[];
  /** Staff roles held in this district. Committee members also get `board_member` here. */
  staff: { email: string; roles: DistrictRole[] }[];
  committee: DemoCommittee;
  /** Covers every area and action field of the district. */
  call: DemoCall;
}

export interface DemoOrganisation {
  name: string;
  legalForm: string;
  street: string;
  postalCode: string;
  city: string;
  /** One or two people: the Vorstand of an association, the Geschäftsführung of a gGmbH or gUG. */
  legalRepresentatives: LegalRepresentative[];
  financeRegistrationNumber: string | null;
  vatDeductible: boolean;
  iban: string;
  /** A timestamptz literal, or null for a carrier whose master data nobody has checked yet. */
  verifiedAt: string | null;
  adminEmail: string;
}

const euros = (amount: number): number => amount * 100;

/** The users who hold the Berlin-wide Senate role (issue 21). */
export const DEMO_SENATE = ['senate@kiezfonds.example'];

export const DEMO_USERS: DemoUser[] = [
  // Staff
  { email: 'admin@kiezfonds.example', displayName: 'Alex Richter' },
  { email: 'coordinator@kiezfonds.example', displayName: 'Lena Hartmann' },
  { email: 'finance@kiezfonds.example', displayName: 'Oliver Brandt' },
  { email: 'coordinator.neukoelln@kiezfonds.example', displayName: 'Selin Arslan' },
  { email: 'finance.neukoelln@kiezfonds.example', displayName: 'Jan-Hendrik Vogel' },
  // Senatsverwaltung für Stadtentwicklung (Berlin-wide)
  { email: 'senate@kiezfonds.example', displayName: 'Dr. Karin Albrecht' },
  // AG Stabile Kieze (Spandau)
  { email: 'board1@kiezfonds.example', displayName: 'Sabine Krüger' },
  { email: 'board2@kiezfonds.example', displayName: 'Mehmet Yılmaz' },
  { email: 'board3@kiezfonds.example', displayName: 'Katharina Wendt' },
  { email: 'board4@kiezfonds.example', displayName: 'Thomas Becker' },
  { email: 'board5@kiezfonds.example', displayName: 'Julia Hoffmann' },
  { email: 'board6@kiezfonds.example', displayName: 'Andreas Neumann' },
  { email: 'board7@kiezfonds.example', displayName: 'Leonie Fischer' },
  { email: 'board8@kiezfonds.example', displayName: 'Dariusz Nowak' },
  { email: 'board9@kiezfonds.example', displayName: 'Petra Lehmann' },
  { email: 'board10@kiezfonds.example', displayName: 'Kim Schröder' },
  { email: 'board11@kiezfonds.example', displayName: 'Aylin Demir' },
  { email: 'board12@kiezfonds.example', displayName: 'Markus Wagner' },
  { email: 'board13@kiezfonds.example', displayName: 'Friederike Bauer' },
  { email: 'advisor1@kiezfonds.example', displayName: 'Jonas Weißenborn' },
  { email: 'advisor2@kiezfonds.example', displayName: 'Nadine Schulz' },
  // OE SPK (Neukölln)
  { email: 'board.neukoelln1@kiezfonds.example', displayName: 'Ute Zimmermann' },
  { email: 'board.neukoelln2@kiezfonds.example', displayName: 'Emre Kaya' },
  { email: 'board.neukoelln3@kiezfonds.example', displayName: 'Marlene Schulte' },
  { email: 'board.neukoelln4@kiezfonds.example', displayName: 'Robert Krause' },
  { email: 'board.neukoelln5@kiezfonds.example', displayName: 'Chiara Lange' },
  { email: 'advisor.neukoelln1@kiezfonds.example', displayName: 'Sami Haddad' },
  // Carriers
  { email: 'carrier1@kiezfonds.example', displayName: 'Greta Schneider' },
  { email: 'carrier2@kiezfonds.example', displayName: 'Tobias Meyer' },
  { email: 'carrier3@kiezfonds.example', displayName: 'Hatice Öztürk' },
  { email: 'carrier4@kiezfonds.example', displayName: 'Luca Engel', language: 'en' },
];

const ACTION_FIELDS: DemoActionField[] = [
  { slug: 'integration-und-nachbarschaft', name: 'Integration und Nachbarschaft' },
  { slug: 'bildung', name: 'Bildung' },
  { slug: 'oeffentlicher-raum', name: 'Öffentlicher Raum' },
  { slug: 'gesundheit-und-bewegung', name: 'Gesundheit und Bewegung' },
  { slug: 'beteiligung-vernetzung-und-kooperation', name: 'Beteiligung, Vernetzung und Kooperation' },
];

const SPANDAU: DemoDistrict = {
  slug: 'spandau',
  name: 'Spandau',
  office: {
    name: 'Stadtentwicklungsamt',
    unit: 'Fachbereich Stadtplanung, Sozialer Zusammenhalt',
    street: 'Carl-Schurz-Straße 2/6',
    postalCode: '13597',
    email: 'netzwerkfonds@ba-spandau.example',
    signatoryName: 'Dr. Miriam Kowalski',
    signatoryRole: 'Leiterin des Stadtentwicklungsamts',
  },
  areas: [
    { slug: 'aktionsraum-spandau-mitte', name: 'Aktionsraum Spandau-Mitte', kind: 'aktionsraum' },
    { slug: 'qm-falkenhagener-feld-ost', name: 'Falkenhagener Feld Ost', kind: 'qm_area' },
    { slug: 'qm-falkenhagener-feld-west', name: 'Falkenhagener Feld West', kind: 'qm_area' },
    { slug: 'qm-spandauer-neustadt', name: 'Spandauer Neustadt', kind: 'qm_area' },
    { slug: 'qm-heerstrasse-nord', name: 'Heerstraße Nord', kind: 'qm_area' },
    // The LOR grid (Prognoseräume, Bezirksregionen, Planungsräume) is imported from DEMO_LOR.
  ],
  actionFields: ACTION_FIELDS,
  staff: [
    { email: 'admin@kiezfonds.example', roles: ['admin'] },
    { email: 'coordinator@kiezfonds.example', roles: ['coordinator'] },
    { email: 'finance@kiezfonds.example', roles: ['finance'] },
  ],
  committee: {
    name: 'AG Stabile Kieze',
    shortName: 'AG SK',
    // Two thirds of the voting members present, two thirds of the votes cast (DOMAIN.md, step 5).
    quorum: { numerator: 2, denominator: 3 },
    majority: 'two_thirds',
    abstentionsCountAsCast: false,
    membersFrom: '2026-01-01',
    members: [
      { email: 'board1@kiezfonds.example', department: 'Jugendamt', voting: true },
      { email: 'board2@kiezfonds.example', department: 'Schul- und Sportamt', voting: true },
      { email: 'board3@kiezfonds.example', department: 'Gesundheitsamt', voting: true },
      { email: 'board4@kiezfonds.example', department: 'Amt für Soziales', voting: true },
      { email: 'board5@kiezfonds.example', department: 'Stadtentwicklungsamt', voting: true },
      { email: 'board6@kiezfonds.example', department: 'Straßen- und Grünflächenamt', voting: true },
      { email: 'board7@kiezfonds.example', department: 'Umwelt- und Naturschutzamt', voting: true },
      { email: 'board8@kiezfonds.example', department: 'Amt für Weiterbildung und Kultur', voting: true },
      { email: 'board9@kiezfonds.example', department: 'Ordnungsamt', voting: true },
      {
        email: 'board10@kiezfonds.example',
        department: 'Organisationseinheit Sozialraumorientierte Planungskoordination (SPK)',
        voting: true,
      },
      { email: 'board11@kiezfonds.example', department: 'Integrationsbüro', voting: true },
      { email: 'board12@kiezfonds.example', department: 'Wirtschaftsförderung', voting: true },
      { email: 'board13@kiezfonds.example', department: 'Büro für Bürgerbeteiligung', voting: true },
      {
        email: 'advisor1@kiezfonds.example',
        department: 'Quartiersmanagement (Vertretung der QM-Teams)',
        voting: false,
      },
      { email: 'advisor2@kiezfonds.example', department: 'Jobcenter Spandau', voting: false },
    ],
  },
  call: {
    title: 'Netzwerkfonds Spandau 2027: Aufruf zur Einreichung von Projektskizzen',
    description:
      'Das Bezirksamt Spandau ruft Träger auf, Projektskizzen für das Programmjahr 2027 einzureichen. ' +
      'Gefördert werden bewährte Ansätze, die über mehrere Quartiere oder den ganzen Aktionsraum ' +
      'Spandau-Mitte wirken. Die AG Stabile Kieze bewertet die Skizzen und beschließt eine Prioritätenliste.',
    programmeYear: 2027,
    status: 'open',
    expectedBudgetCents: euros(600_000),
    minAmountCents: euros(50_000),
    maxAmountCents: euros(250_000),
    submissionDeadline: '2027-01-31 23:59:00 Europe/Berlin',
    // So the attachment step of the application is not an empty page in the demo (issue 19).
    requiredAttachments: [
      { key: 'vereinsregister', label: 'Aktueller Auszug aus dem Vereinsregister (PDF)' },
    ],
  },
};

const NEUKOELLN: DemoDistrict = {
  slug: 'neukoelln',
  name: 'Neukölln',
  office: {
    name: 'Stadtentwicklungsamt',
    unit: 'Fachbereich Stadtplanung, Sozialer Zusammenhalt',
    street: 'Karl-Marx-Straße 83',
    postalCode: '12040',
    email: 'netzwerkfonds@ba-neukoelln.example',
    signatoryName: 'Jan Petersen',
    signatoryRole: 'Leiter des Stadtentwicklungsamts',
  },
  areas: [
    { slug: 'aktionsraum-neukoelln-nord', name: 'Neukölln-Nord', kind: 'aktionsraum' },
    { slug: 'qm-harzer-strasse', name: 'Harzer Straße', kind: 'qm_area' },
    { slug: 'qm-flughafenstrasse', name: 'Flughafenstraße', kind: 'qm_area' },
    { slug: 'qm-rollbergsiedlung', name: 'Rollbergsiedlung', kind: 'qm_area' },
    { slug: 'qm-donaustrasse', name: 'Donaustraße', kind: 'qm_area' },
    { slug: 'qm-high-deck-siedlung', name: 'High-Deck-Siedlung', kind: 'qm_area' },
    { slug: 'qm-weisse-siedlung', name: 'Weiße Siedlung', kind: 'qm_area' },
    { slug: 'qm-glasower-strasse', name: 'Glasower Straße', kind: 'qm_area' },
    { slug: 'qm-rixdorf', name: 'Rixdorf', kind: 'qm_area' },
    { slug: 'qm-gropiusstadt-nord', name: 'Gropiusstadt-Nord', kind: 'qm_area' },
    { slug: 'bezirksregion-schillerpromenade', name: 'Schillerpromenade', kind: 'bezirksregion' },
    { slug: 'bezirksregion-reuterstrasse', name: 'Reuterstraße', kind: 'bezirksregion' },
    {
      slug: 'bezirksregion-neukoellner-mitte-zentrum',
      name: 'Neuköllner Mitte/Zentrum',
      kind: 'bezirksregion',
    },
    { slug: 'bezirksregion-koellnische-heide', name: 'Köllnische Heide', kind: 'bezirksregion' },
  ],
  actionFields: ACTION_FIELDS,
  staff: [
    { email: 'admin@kiezfonds.example', roles: ['admin'] },
    { email: 'coordinator.neukoelln@kiezfonds.example', roles: ['coordinator'] },
    { email: 'finance.neukoelln@kiezfonds.example', roles: ['finance'] },
  ],
  committee: {
    name: 'Organisationseinheit Sozialraumorientierte Planungskoordination',
    shortName: 'OE SPK',
    // Different rules from Spandau's on purpose, so the demo shows they are set per committee.
    quorum: { numerator: 1, denominator: 2 },
    majority: 'simple',
    abstentionsCountAsCast: false,
    membersFrom: '2026-01-01',
    members: [
      { email: 'board.neukoelln1@kiezfonds.example', department: 'Jugendamt', voting: true },
      { email: 'board.neukoelln2@kiezfonds.example', department: 'Schul- und Sportamt', voting: true },
      { email: 'board.neukoelln3@kiezfonds.example', department: 'Gesundheitsamt', voting: true },
      { email: 'board.neukoelln4@kiezfonds.example', department: 'Amt für Soziales', voting: true },
      { email: 'board.neukoelln5@kiezfonds.example', department: 'Stadtentwicklungsamt', voting: true },
      {
        email: 'advisor.neukoelln1@kiezfonds.example',
        department: 'Quartiersmanagement (Vertretung der QM-Teams)',
        voting: false,
      },
    ],
  },
  call: {
    title: 'Netzwerkfonds Neukölln 2027: Aufruf zur Einreichung von Projektskizzen',
    description:
      'Das Bezirksamt Neukölln sucht Projekte, die erprobte Ideen aus den Quartiersmanagementgebieten ' +
      'in den Aktionsraum Neukölln-Nord und darüber hinaus tragen. Projektskizzen für das Programmjahr ' +
      '2027 bewertet die OE SPK.',
    programmeYear: 2027,
    status: 'open',
    expectedBudgetCents: euros(450_000),
    minAmountCents: euros(50_000),
    maxAmountCents: euros(200_000),
    submissionDeadline: '2027-02-14 23:59:00 Europe/Berlin',
    requiredAttachments: [],
  },
};

export const DEMO_DISTRICTS: DemoDistrict[] = [SPANDAU, NEUKOELLN];

/** IBANs with correct check digits (ISO 13616 mod 97) at real Berlin bank codes; the accounts are made up. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Nachbarschaftsheim Spandauer Neustadt e.V.',
    legalForm: 'e.V.',
    street: 'Lynarstraße 38',
    postalCode: '13585',
    city: 'Berlin',
    legalRepresentatives: [
      { name: 'Margarete Kowalski', role: 'Vorstandsvorsitzende' },
      { name: 'Bernd Albrecht', role: 'Stellvertretender Vorstandsvorsitzender' },
    ],
    financeRegistrationNumber: 'ZE-2014-00317',
    vatDeductible: false,
    iban: 'DE05100500000190123456',
    verifiedAt: '2025-10-14 09:30:00 Europe/Berlin',
    adminEmail: 'carrier1@kiezfonds.example',
  },
  {
    name: 'Kiezjugend Neukölln gGmbH',
    legalForm: 'gGmbH',
    street: 'Flughafenstraße 46',
    postalCode: '12053',
    city: 'Berlin',
    legalRepresentatives: [{ name: 'Tobias Krüger', role: 'Geschäftsführer' }],
    financeRegistrationNumber: 'ZE-2017-01842',
    vatDeductible: true,
    iban: 'DE05100205000003345500',
    verifiedAt: '2025-11-03 14:00:00 Europe/Berlin',
    adminEmail: 'carrier2@kiezfonds.example',
  },
  {
    name: 'Stadtteilverein Falkenhagener Feld e.V.',
    legalForm: 'e.V.',
    street: 'Westerwaldstraße 9',
    postalCode: '13589',
    city: 'Berlin',
    legalRepresentatives: [
      { name: 'Hatice Yıldız', role: 'Vorsitzende' },
      { name: 'Friedrich Lorenz', role: 'Schatzmeister' },
    ],
    // A young association that has not registered with the Senate yet and is not verified.
    financeRegistrationNumber: null,
    vatDeductible: false,
    iban: 'DE36100900007012345601',
    verifiedAt: null,
    adminEmail: 'carrier3@kiezfonds.example',
  },
  {
    name: 'Lernbrücke Bildungswerk gUG (haftungsbeschränkt)',
    legalForm: 'gUG (haftungsbeschränkt)',
    street: 'Karl-Marx-Straße 83',
    postalCode: '12043',
    city: 'Berlin',
    legalRepresentatives: [{ name: 'Dr. Katharina Neumann', role: 'Geschäftsführerin' }],
    financeRegistrationNumber: 'ZE-2021-02976',
    vatDeductible: true,
    iban: 'DE97430609674012345678',
    verifiedAt: '2026-01-20 11:15:00 Europe/Berlin',
    adminEmail: 'carrier4@kiezfonds.example',
  },
];

export interface DemoLogin {
  email: string;
  displayName: string;
  /** What the login is for, e.g. "coordinator (Spandau)". */
  role: string;
}

/** Every demo login and what it may do, in the order of DEMO_USERS, for the seed's printout. */
export function listDemoLogins(): DemoLogin[] {
  // email → role label → districts it is held in, so "admin" in two districts reads as one line.
  const roles = new Map<string, Map<string, string[]>>();
  const add = (email: string, label: string, district?: string) => {
    const labels = roles.get(email) ?? new Map<string, string[]>();
    const districts = labels.get(label) ?? [];
    if (district) districts.push(district);
    roles.set(email, labels.set(label, districts));
  };
  for (const district of DEMO_DISTRICTS) {
    for (const { email, roles: held } of district.staff) {
      for (const role of held) add(email, role, district.name);
    }
    for (const member of district.committee.members) {
      const kind = member.voting ? 'voting' : 'advisory';
      add(member.email, `${district.committee.shortName}, ${kind}: ${member.department}`, district.name);
    }
  }
  for (const organisation of DEMO_ORGANISATIONS)
    add(organisation.adminEmail, `carrier admin: ${organisation.name}`);
  for (const email of DEMO_SENATE) add(email, 'senate (Berlin-wide)');
  return DEMO_USERS.map((user) => ({
    email: user.email,
    displayName: user.displayName,
    role: [...(roles.get(user.email) ?? [])]
      .map(([label, districts]) => (districts.length ? `${label} (${districts.join(', ')})` : label))
      .join('; '),
  }));
}
