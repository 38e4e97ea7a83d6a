import { createHash, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import {
  ApplicationService,
  AttachmentService,
  CallOffService,
  CallService,
  LifecycleService,
  RecoveryService,
} from '@kiezfonds/applications';
import { type ApplicationEventType, calendarDayOf } from '@kiezfonds/domain';
import {
  ConflictService,
  ProgrammePlanService,
  ReviewService,
  SessionDocuments,
  SessionService,
  WrittenVoteService,
} from '@kiezfonds/committee';
import { BookingService, FundDirectoryService } from '@kiezfonds/funds';
import { loadPrincipal, type Principal } from '@kiezfonds/identity';
import type { DataSource } from 'typeorm';

/** What the run added: all zero when the demo applications were there already. */
export interface ApplicationSeedSummary {
  funds: number;
  budgets: number;
  calls: number;
  applications: number;
  sessions: number;
  voten: number;
  /** Why applications were left out, e.g. because the demo call's deadline has passed. */
  skipped: string | null;
}

const PROGRAMME_YEAR = 2027;
const BUDGET_CENTS = '60000000';

/**
 * The demo's moving parts: Spandau's Netzwerkfonds with its 2027 budget, and applications of the
 * four demo carriers in different states. They go through the real services (the same ones the
 * HTTP API calls), so versions, audit trail, ledger, grant notice and notices are as the app
 * itself would leave them. Runs once: when Spandau's call has applications, nothing is added.
 */
export async function seedDemoApplications(
  app: INestApplicationContext,
  dataSource: DataSource,
  today: Date = new Date(),
): Promise<ApplicationSeedSummary> {
  const summary: ApplicationSeedSummary = {
    funds: 0,
    budgets: 0,
    calls: 0,
    applications: 0,
    sessions: 0,
    voten: 0,
    skipped: null,
  };
  const people = await principals(dataSource);
  const [district] = (await dataSource.query(`SELECT id FROM district WHERE slug = 'spandau'`)) as {
    id: string;
  }[];
  if (!district) throw new Error('Run the base demo seed first: Spandau is missing.');

  await seedNetzwerkfonds(app, dataSource, district.id, people.finance, summary);
  await seedTrackedFunds(app, dataSource, district.id, people.finance, summary);

  const [call] = (await dataSource.query(
    `SELECT id, status, submission_deadline FROM call
      WHERE district_id = $1 AND programme_year = $2 AND fund_kind = 'netzwerkfonds' ORDER BY created_at LIMIT 1`,
    [district.id, PROGRAMME_YEAR],
  )) as { id: string; status: string; submission_deadline: Date }[];
  if (!call) throw new Error('Run the base demo seed first: the Spandau call is missing.');
  const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM application WHERE call_id = $1`, [
    call.id,
  ])) as [{ n: number }];
  if (n > 0) return summary;
  if (call.status !== 'open') {
    summary.skipped = 'the demo call is not open';
    return summary;
  }
  if (call.submission_deadline.getTime() <= addDays(today, 7).getTime()) {
    // A demo seeded after the printed deadline would show no submitted applications at all.
    await dataSource.query(`UPDATE call SET submission_deadline = $2 WHERE id = $1`, [
      call.id,
      addDays(today, 56),
    ]);
  }

  const areas = (await dataSource.query(`SELECT id FROM area WHERE district_id = $1 ORDER BY slug`, [
    district.id,
  ])) as { id: string }[];
  const fields = (await dataSource.query(`SELECT id FROM action_field WHERE district_id = $1 ORDER BY slug`, [
    district.id,
  ])) as { id: string }[];
  const place = { areaIds: areas.slice(0, 2).map((a) => a.id), actionFieldIds: [fields[0]!.id] };

  const applications = app.get(ApplicationService);
  const lifecycle = app.get(LifecycleService);
  const callOffs = app.get(CallOffService);
  const coordinator = people.coordinator;

  const draft = async (carrier: Principal, title: string, content: Record<string, unknown> | null) => {
    const created = await applications.create(
      carrier,
      { callId: call.id, organisationId: carrier.organisations[0]!.organisationId, title },
      null,
    );
    if (content) await applications.saveContent(carrier, created.id, { version: 1, content });
    if (content?.evaluationConcept) await attachRequired(app, dataSource, carrier, created.id);
    summary.applications += 1;
    return created.id;
  };
  const send = (
    who: Principal,
    id: string,
    type: ApplicationEventType,
    extra: Record<string, unknown> = {},
  ) =>
    lifecycle.send(who, id, { type, ...extra } as Parameters<LifecycleService['send']>[2], undefined, null);

  // Greta Schneider's association: one draft nearly done, one just begun.
  await draft(people.carriers[0]!, 'Lesepat:innen für Spandauer Grundschulen', demoContent(place, 'reading'));
  await draft(people.carriers[0]!, 'Kiezradio Spandau', {
    summary: 'Ein Radio von Jugendlichen aus drei Kiezen – Idee, noch ohne Plan.',
  });

  // Tobias Meyer: one submitted, one sent back with a change request.
  const submitted = await draft(
    people.carriers[1]!,
    'Nachbarschaftsgärten verbinden',
    demoContent(place, 'gardens'),
  );
  await send(people.carriers[1]!, submitted, 'SUBMIT');
  const sentBack = await draft(
    people.carriers[1]!,
    'Sprachcafés in der Wilhelmstadt',
    demoContent(place, 'language'),
  );
  await send(people.carriers[1]!, sentBack, 'SUBMIT');
  await send(coordinator, sentBack, 'REQUEST_CHANGES', {
    message:
      'Bitte ergänzen Sie im Finanzierungsplan, welche Drittmittel Sie beantragt haben, und beschreiben Sie, ' +
      'wie Sie die Teilnehmenden aus beiden Quartieren erreichen.',
    replyDeadline: addDays(today, 21).toISOString(),
  });

  // Hatice Öztürk: formally checked, with the committee for review.
  const inReview = await draft(
    people.carriers[2]!,
    'Kiezmütter für Familien',
    demoContent(place, 'families'),
  );
  await send(people.carriers[2]!, inReview, 'SUBMIT');
  await send(coordinator, inReview, 'PASS_FORMAL_CHECK');

  // Luca Engel: selected, approved and under way, with the first instalment paid.
  const approved = await draft(
    people.carriers[3]!,
    'Werkstatt der Generationen',
    demoContent(place, 'workshop'),
  );
  await send(people.carriers[3]!, approved, 'SUBMIT');
  for (const type of ['PASS_FORMAL_CHECK', 'START_PLANNING'] as const) {
    await send(coordinator, approved, type);
  }
  // Selected as the rules demand: the AG adopted it in writing, and the priority list the
  // district finalised (and sent to the Senate) names it.
  await adoptInWriting(app, dataSource, coordinator, approved);
  await holdFirstSession(app, dataSource, coordinator, today, draft, send, people.carriers, place, summary);
  await app.get(ProgrammePlanService).finalise(coordinator, call.id, null);
  await send(coordinator, approved, 'RECORD_SENATE_SELECTION', { amountCents: String(REQUESTED_CENTS) });
  await send(coordinator, approved, 'APPROVE', {
    reportDeadlines: [
      { kind: 'interim', due: `${PROGRAMME_YEAR + 1}-03-31` },
      { kind: 'final', due: `${PROGRAMME_YEAR + 2}-06-30` },
    ],
  });
  await send(people.carriers[3]!, approved, 'START_IMPLEMENTATION');
  // Money is called off only once the project runs (ANBest-P Nr. 1.4): seeded before 1 March
  // 2027, the project waits for its first call-off; from then on the first instalment is paid.
  const day = calendarDayOf(today);
  if (day >= `${PROGRAMME_YEAR}-03-01` && day.startsWith(String(PROGRAMME_YEAR))) {
    const callOff = await callOffs.request(
      people.carriers[3]!,
      approved,
      {
        cashYear: PROGRAMME_YEAR,
        amountCents: '2000000',
        purpose: 'Honorare und Material für das erste Halbjahr',
      },
      null,
    );
    // Finance approves and pays: the approval is its own step (the carrier is told of it).
    await callOffs.approve(people.finance, callOff.id, null);
    await callOffs.pay(people.finance, callOff.id, day, null);
  }

  // The AG's next session with the application in review on its agenda, and one declared conflict:
  // the Amt für Soziales member sits on the board of Tobias Meyer's carrier.
  const [committee] = (await dataSource.query(
    `SELECT id FROM committee WHERE district_id = $1 ORDER BY name LIMIT 1`,
    [district.id],
  )) as { id: string }[];
  if (committee) {
    const board = await principalOf(dataSource, 'board4@kiezfonds.example');
    await app.get(ConflictService).declare(
      board,
      committee.id,
      {
        organisationId: people.carriers[1]!.organisations[0]!.organisationId,
        reason: 'Mitglied im Vorstand des Trägervereins',
      },
      null,
    );
    await app.get(SessionService).schedule(
      coordinator,
      committee.id,
      {
        title: '2. Sitzung 2027',
        startsAt: addDays(today, 14).toISOString(),
        place: 'Rathaus Spandau, Carl-Schurz-Straße 2/6, Raum 210',
        applicationIds: [inReview],
      },
      null,
    );
    summary.sessions += 1;

    // The call's review criteria and deadline, and Voten of three departments on the application
    // in review (the Jugendamt's with a confidential note, the Schulamt's with conditions).
    const reviews = app.get(ReviewService);
    await reviews.configure(
      coordinator,
      call.id,
      {
        committeeId: committee.id,
        reviewDeadline: addDays(today, 10).toISOString(),
        criteria: [
          { key: 'vernetzung', label: 'Vernetzung mehrerer Kieze', weight: 3, maxScore: 5 },
          { key: 'beteiligung', label: 'Beteiligung der Bewohner:innen', weight: 2, maxScore: 5 },
          {
            key: 'nachhaltigkeit',
            label: 'Nachhaltigkeit über die Förderung hinaus',
            weight: 2,
            maxScore: 5,
          },
          { key: 'wirtschaftlichkeit', label: 'Angemessenheit der Kosten', weight: 1, maxScore: 5 },
        ],
      },
      null,
    );
    const voten = [
      {
        email: 'board1@kiezfonds.example',
        votum: {
          recommendation: 'support' as const,
          scores: { vernetzung: 5, beteiligung: 4, nachhaltigkeit: 4, wirtschaftlichkeit: 4 },
          comment:
            'Die Kiezmütter erreichen Familien, die unsere Angebote sonst nicht finden; drei Quartiere arbeiten zusammen.',
          confidentialNote: 'Der Träger hat 2025 einen Verwendungsnachweis zwei Monate verspätet vorgelegt.',
        },
      },
      {
        email: 'board2@kiezfonds.example',
        votum: {
          recommendation: 'support_with_conditions' as const,
          conditions:
            'Kooperationsvereinbarungen mit den beteiligten Grundschulen vor Projektbeginn vorlegen.',
          scores: { vernetzung: 4, beteiligung: 3, nachhaltigkeit: 3, wirtschaftlichkeit: 4 },
          comment:
            'Fachlich sinnvoll; die Zusammenarbeit mit den Schulen ist noch nicht verbindlich geregelt.',
        },
      },
      {
        email: 'board3@kiezfonds.example',
        votum: {
          recommendation: 'support' as const,
          scores: { vernetzung: 4, beteiligung: 5, nachhaltigkeit: 3, wirtschaftlichkeit: 3 },
          comment: 'Gute Ergänzung der Frühen Hilfen; Gesundheitsthemen sollten in den Schulungen vorkommen.',
        },
      },
    ];
    for (const { email, votum } of voten) {
      await reviews.submit(await principalOf(dataSource, email), inReview, votum, null);
      summary.voten += 1;
    }
  }
  await seedMoneyInMotion(app, dataSource, district.id, people, today, place, summary);
  return summary;
}

/**
 * Two projects of the current programme year that started early (vorzeitiger Maßnahmebeginn on
 * 1 January): one with a call-off approved and waiting for payment, one settled after its proof
 * of use, with a recovery claim and its Rückforderungs- und Zinsbescheid. The year follows the
 * day of seeding, so the money always moves in the current cash year, as the rules demand.
 */
async function seedMoneyInMotion(
  app: INestApplicationContext,
  dataSource: DataSource,
  districtId: string,
  people: Awaited<ReturnType<typeof principals>>,
  today: Date,
  place: { areaIds: string[]; actionFieldIds: string[] },
  summary: ApplicationSeedSummary,
): Promise<void> {
  const day = calendarDayOf(today);
  const year = Number(day.slice(0, 4));
  const { coordinator, finance } = people;
  const [fund] = (await dataSource.query(
    `SELECT id FROM fund WHERE district_id = $1 AND kind = 'netzwerkfonds'`,
    [districtId],
  )) as { id: string }[];
  const [budget] = (await dataSource.query(
    `SELECT 1 FROM ledger_entry WHERE fund_id = $1 AND programme_year = $2 AND kind = 'budget' LIMIT 1`,
    [fund!.id, year],
  )) as unknown[];
  if (!budget) {
    await app
      .get(BookingService)
      .book(
        finance,
        fund!.id,
        { kind: 'budget', programmeYear: year, amountCents: '20000000' } as Parameters<
          BookingService['book']
        >[2],
        null,
      );
    summary.budgets += 1;
  }
  const calls = app.get(CallService);
  const call = await calls.create(
    coordinator,
    {
      districtId,
      title: `Netzwerkfonds ${year}: Projekte mit vorzeitigem Maßnahmebeginn`,
      description: 'Projekte, deren vorzeitiger Beginn genehmigt wurde; sie laufen bis Jahresende.',
      programmeYear: year,
      expectedBudgetCents: '20000000',
      submissionDeadline: addDays(today, 28).toISOString(),
      minAmountCents: '5000000',
      maxAmountCents: '15000000',
      actionFieldIds: place.actionFieldIds,
      areaIds: place.areaIds,
    } as Parameters<CallService['create']>[1],
    null,
  );
  await calls.changeStatus(coordinator, call.id, 'open', null);
  summary.calls += 1;

  const applications = app.get(ApplicationService);
  const lifecycle = app.get(LifecycleService);
  const send = (
    who: Principal,
    id: string,
    type: ApplicationEventType,
    extra: Record<string, unknown> = {},
  ) =>
    lifecycle.send(who, id, { type, ...extra } as Parameters<LifecycleService['send']>[2], undefined, null);
  const content = {
    ...demoContent(place, 'workshop'),
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    costPlan: [
      {
        cashYear: year,
        category: 'personnel',
        description: 'Honorare der Anleiter:innen',
        amountCents: '4500000',
      },
      { cashYear: year, category: 'material', description: 'Material', amountCents: '1500000' },
    ],
    financingPlan: [{ cashYear: year, requestedCents: '5500000', ownCents: '500000', thirdPartyCents: '0' }],
  };
  const ids: string[] = [];
  for (const [carrier, title] of [
    [people.carriers[2]!, 'Kiezwerkstatt mobil'],
    [people.carriers[3]!, 'Sommerakademie Heerstraße'],
  ] as const) {
    const created = await applications.create(
      carrier,
      { callId: call.id, organisationId: carrier.organisations[0]!.organisationId, title },
      null,
    );
    await applications.saveContent(carrier, created.id, { version: 1, content });
    summary.applications += 1;
    await send(carrier, created.id, 'SUBMIT');
    for (const type of ['PASS_FORMAL_CHECK', 'START_PLANNING'] as const)
      await send(coordinator, created.id, type);
    await adoptInWriting(app, dataSource, coordinator, created.id);
    ids.push(created.id);
  }
  await app.get(ProgrammePlanService).finalise(coordinator, call.id, null);
  for (const [i, id] of ids.entries()) {
    await send(coordinator, id, 'RECORD_SENATE_SELECTION', { amountCents: '5500000' });
    await send(coordinator, id, 'APPROVE', {
      reportDeadlines: [{ kind: 'final', due: `${year + 1}-03-31` }],
      earlyStartApprovedOn: `${year}-01-01`,
      earlyStartReason:
        'Die Angebote schließen an das Vorjahr an; der Beginn zum Jahresanfang wurde genehmigt.',
    });
    await send(people.carriers[2 + i]!, id, 'START_IMPLEMENTATION');
  }
  const callOffs = app.get(CallOffService);
  // The first waits for its payment: approved by finance, not yet transferred.
  const waiting = await callOffs.request(
    people.carriers[2]!,
    ids[0]!,
    { cashYear: year, amountCents: '1000000', purpose: 'Honorare des ersten Quartals' },
    null,
  );
  await callOffs.approve(finance, waiting.id, null);
  // The second is paid in full, spent 50.000 € of 60.000 €, settled: 10.000 € back, with interest.
  const paid = await callOffs.request(
    people.carriers[3]!,
    ids[1]!,
    { cashYear: year, amountCents: '5500000', purpose: 'Gesamte Zuwendung' },
    null,
  );
  await callOffs.approve(finance, paid.id, null);
  await callOffs.pay(finance, paid.id, day, null);
  await send(people.carriers[3]!, ids[1]!, 'SUBMIT_FINAL_REPORT', {
    text: 'Acht statt zehn Wochen Sommerakademie: zwei Wochen fielen wegen Bauarbeiten aus.',
    actuals: [
      { cashYear: year, category: 'personnel', amountCents: '3700000' },
      { cashYear: year, category: 'material', amountCents: '1300000' },
    ],
  });
  await send(coordinator, ids[1]!, 'COMPLETE');
  const [claim] = (await dataSource.query(`SELECT id FROM repayment_claim WHERE application_id = $1`, [
    ids[1],
  ])) as { id: string }[];
  if (claim) {
    await app.get(RecoveryService).issueNotice(finance, claim.id, calendarDayOf(addDays(today, 30)), null);
  }
}

/**
 * The AG Stabile Kieze met a week ago: every voting member present, two applications on the
 * agenda, both recommended by roll call, the minutes published. The programme plan then ranks them next to the one
 * adopted in writing, and once finalised they wait for the Senate's selection (issue 19).
 */
async function holdFirstSession(
  app: INestApplicationContext,
  dataSource: DataSource,
  coordinator: Principal,
  today: Date,
  draft: (carrier: Principal, title: string, content: Record<string, unknown> | null) => Promise<string>,
  send: (who: Principal, id: string, type: ApplicationEventType) => Promise<unknown>,
  carriers: Principal[],
  place: { areaIds: string[]; actionFieldIds: string[] },
  summary: ApplicationSeedSummary,
): Promise<void> {
  const agenda: string[] = [];
  for (const [carrier, title, summaryText] of [
    [
      carriers[0]!,
      'Kiezlotsen für Nachbarschaftshilfe',
      'Ehrenamtliche Kiezlots:innen vermitteln Nachbarschaftshilfe zwischen Falkenhagener Feld und Wilhelmstadt.',
    ],
    [
      carriers[3]!,
      'Offene Werkstätten am Wasser',
      'Jugendliche aus zwei Kiezen bauen mit Fachleuten Boote und Sitzmöbel für die Uferwege der Havel.',
    ],
  ] as const) {
    const id = await draft(carrier, title, { ...demoContent(place, 'workshop'), summary: summaryText });
    await send(carrier, id, 'SUBMIT');
    await send(coordinator, id, 'PASS_FORMAL_CHECK');
    agenda.push(id);
  }
  const [committee] = (await dataSource.query(
    `SELECT c.id FROM committee c JOIN application a ON a.district_id = c.district_id
      WHERE a.id = $1 ORDER BY c.name LIMIT 1`,
    [agenda[0]],
  )) as { id: string }[];
  const sessions = app.get(SessionService);
  const scheduled = await sessions.schedule(
    coordinator,
    committee!.id,
    {
      title: '1. Sitzung 2027',
      startsAt: addDays(today, -7).toISOString(),
      place: 'Rathaus Spandau, Carl-Schurz-Straße 2/6, Raum 210',
      applicationIds: agenda,
    },
    null,
  );
  summary.sessions += 1;
  await sessions.open(coordinator, scheduled.id, null);
  const voters = (await dataSource.query(
    `SELECT m.id FROM committee_member m
      WHERE m.committee_id = $1 AND m.voting AND m.substitute_for_id IS NULL ORDER BY m.department`,
    [committee!.id],
  )) as { id: string }[];
  for (const voter of voters) {
    await sessions.attendance(coordinator, scheduled.id, { memberId: voter.id, present: true }, null);
  }
  for (const item of scheduled.items) {
    await sessions.openItemVote(coordinator, scheduled.id, item.id, {}, null);
    const [{ id: voteId }] = (await dataSource.query(
      `SELECT id FROM committee_vote WHERE agenda_item_id = $1`,
      [item.id],
    )) as [{ id: string }];
    for (const voter of voters) {
      await sessions.recordBallot(
        coordinator,
        scheduled.id,
        voteId,
        { memberId: voter.id, choice: 'yes' },
        null,
      );
    }
    await sessions.closeItemVote(coordinator, scheduled.id, voteId, null);
  }
  await sessions.close(coordinator, scheduled.id, null);
  await app.get(SessionDocuments).publishMinutes(coordinator, scheduled.id, null);
}

/** The call's required attachments, uploaded as a small PDF each, as the carrier would before submitting. */
async function attachRequired(
  app: INestApplicationContext,
  dataSource: DataSource,
  carrier: Principal,
  applicationId: string,
): Promise<void> {
  const [call] = (await dataSource.query(
    `SELECT c.required_attachments FROM call c JOIN application a ON a.call_id = c.id WHERE a.id = $1`,
    [applicationId],
  )) as { required_attachments: { key: string }[] }[];
  for (const { key } of call?.required_attachments ?? []) {
    const content = Buffer.from(`%PDF-1.4\n% kiezfonds demo: ${key}\n%%EOF\n`);
    const stagedAs = randomUUID();
    await dataSource.query(`INSERT INTO upload_staging (token, content) VALUES ($1, $2)`, [
      stagedAs,
      content,
    ]);
    await app.get(AttachmentService).add(
      carrier,
      applicationId,
      key,
      {
        fileName: `${key}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        stagedAs,
      },
      null,
    );
  }
}

/** Every voting member of the district's committee answers yes in a written vote on the application. */
async function adoptInWriting(
  app: INestApplicationContext,
  dataSource: DataSource,
  coordinator: Principal,
  applicationId: string,
): Promise<void> {
  const votes = app.get(WrittenVoteService);
  const vote = await votes.open(
    coordinator,
    applicationId,
    { motion: 'Förderempfehlung für das Programmjahr 2027', deadline: addDays(new Date(), 7).toISOString() },
    null,
  );
  const voters = (await dataSource.query(
    `SELECT u.email FROM committee_member m JOIN committee c ON c.id = m.committee_id JOIN app_user u ON u.id = m.user_id
      WHERE c.id = $1 AND m.voting AND m.substitute_for_id IS NULL ORDER BY u.email`,
    [vote.committeeId],
  )) as { email: string }[];
  if (voters.length === 0) throw new Error('Run the base demo seed first: the AG has no voting members.');
  for (const { email } of voters) {
    await votes.cast(await principalOf(dataSource, email), vote.id, 'yes', null);
  }
}

async function seedNetzwerkfonds(
  app: INestApplicationContext,
  dataSource: DataSource,
  districtId: string,
  finance: Principal,
  summary: ApplicationSeedSummary,
): Promise<void> {
  let [fund] = (await dataSource.query(
    `SELECT id FROM fund WHERE district_id = $1 AND kind = 'netzwerkfonds'`,
    [districtId],
  )) as { id: string }[];
  if (!fund) {
    fund = await app.get(FundDirectoryService).create(finance, { districtId, kind: 'netzwerkfonds' }, null);
    summary.funds += 1;
  }
  const [budget] = (await dataSource.query(
    `SELECT 1 FROM ledger_entry WHERE fund_id = $1 AND programme_year = $2 AND kind = 'budget' LIMIT 1`,
    [fund.id, PROGRAMME_YEAR],
  )) as unknown[];
  if (!budget) {
    await app
      .get(BookingService)
      .book(
        finance,
        fund.id,
        { kind: 'budget', programmeYear: PROGRAMME_YEAR, amountCents: BUDGET_CENTS } as Parameters<
          BookingService['book']
        >[2],
        null,
      );
    summary.budgets += 1;
  }
}

/** Budgets of the tracked funds per QM area and year (DOMAIN.md, fund table: as practised). */
const TRACKED_BUDGETS = {
  aktionsfonds: '1000000',
  projektfonds: '6000000',
  baufonds: '25000000',
} as const;

/**
 * Spandau's four QM areas each get their Aktionsfonds, Projektfonds and Baufonds with a 2027
 * budget, so finance sees all four fund kinds side by side. Idempotent like the rest of the seed.
 */
async function seedTrackedFunds(
  app: INestApplicationContext,
  dataSource: DataSource,
  districtId: string,
  finance: Principal,
  summary: ApplicationSeedSummary,
): Promise<void> {
  const areas = (await dataSource.query(
    `SELECT id FROM area WHERE district_id = $1 AND kind = 'qm_area' ORDER BY slug`,
    [districtId],
  )) as { id: string }[];
  for (const area of areas) {
    for (const [kind, budgetCents] of Object.entries(TRACKED_BUDGETS) as [
      keyof typeof TRACKED_BUDGETS,
      string,
    ][]) {
      let [fund] = (await dataSource.query(`SELECT id FROM fund WHERE area_id = $1 AND kind = $2`, [
        area.id,
        kind,
      ])) as { id: string }[];
      if (!fund) {
        fund = await app
          .get(FundDirectoryService)
          .create(finance, { districtId, kind, areaId: area.id }, null);
        summary.funds += 1;
      }
      const [budget] = (await dataSource.query(
        `SELECT 1 FROM ledger_entry WHERE fund_id = $1 AND programme_year = $2 AND kind = 'budget' LIMIT 1`,
        [fund.id, PROGRAMME_YEAR],
      )) as unknown[];
      if (!budget) {
        await app
          .get(BookingService)
          .book(
            finance,
            fund.id,
            { kind: 'budget', programmeYear: PROGRAMME_YEAR, amountCents: budgetCents } as Parameters<
              BookingService['book']
            >[2],
            null,
          );
        summary.budgets += 1;
      }
    }
  }
}

async function principalOf(dataSource: DataSource, email: string): Promise<Principal> {
  const [user] = (await dataSource.query(`SELECT id FROM app_user WHERE lower(email) = $1`, [email])) as {
    id: string;
  }[];
  const principal = user && (await loadPrincipal(dataSource, user.id, 'session'));
  if (!principal) throw new Error(`Run the base demo seed first: ${email} is missing or inactive.`);
  return principal;
}

async function principals(dataSource: DataSource) {
  const load = (email: string) => principalOf(dataSource, email);
  return {
    coordinator: await load('coordinator@kiezfonds.example'),
    finance: await load('finance@kiezfonds.example'),
    carriers: await Promise.all([1, 2, 3, 4].map((n) => load(`carrier${n}@kiezfonds.example`))),
  };
}

/** 110.000,00 € requested: 70.000 € in 2027, 40.000 € in 2028 (the call asks for 50.000 € to 250.000 €). */
const REQUESTED_CENTS = 11_000_000;

const TOPICS = {
  reading: 'Ehrenamtliche Lesepat:innen lesen wöchentlich mit Kindern aus zwei Grundschulen.',
  gardens: 'Gemeinschaftsgärten in drei Kiezen tauschen Saatgut, Werkzeug und Wissen aus.',
  language: 'Offene Sprachcafés bringen Neuberliner:innen und Alteingesessene ins Gespräch.',
  families: 'Kiezmütter begleiten Familien zu Kita, Schule und Beratungsstellen.',
  workshop: 'Ältere und junge Menschen reparieren gemeinsam Fahrräder und Möbel aus dem Kiez.',
} as const;

function demoContent(
  place: { areaIds: string[]; actionFieldIds: string[] },
  topic: keyof typeof TOPICS,
): Record<string, unknown> {
  return {
    summary: TOPICS[topic],
    goals: [
      { goal: 'Begegnung über Kiezgrenzen hinweg', indicator: 'Teilnehmende je Monat', targetValue: '60' },
      { goal: 'Ehrenamt stärken', indicator: 'Aktive Ehrenamtliche', targetValue: '15' },
    ],
    targetGroups: ['Familien', 'Senior:innen', 'Jugendliche'],
    ...place,
    periodStart: `${PROGRAMME_YEAR}-03-01`,
    periodEnd: `${PROGRAMME_YEAR + 1}-12-31`,
    costPlan: [
      {
        cashYear: PROGRAMME_YEAR,
        category: 'personnel',
        description: 'Projektleitung (0,5 Stellen)',
        amountCents: '6000000',
      },
      {
        cashYear: PROGRAMME_YEAR,
        category: 'material',
        description: 'Material und Ausstattung',
        amountCents: '2000000',
      },
      {
        cashYear: PROGRAMME_YEAR + 1,
        category: 'personnel',
        description: 'Projektleitung (0,5 Stellen)',
        amountCents: '4000000',
      },
    ],
    financingPlan: [
      { cashYear: PROGRAMME_YEAR, requestedCents: '7000000', ownCents: '1000000', thirdPartyCents: '0' },
      { cashYear: PROGRAMME_YEAR + 1, requestedCents: '4000000', ownCents: '0', thirdPartyCents: '0' },
    ],
    thirdPartySources: '',
    evaluationConcept:
      'Teilnehmendenzählung, halbjährliche Befragung und ein Auswertungstreffen mit den Quartiersräten.',
    declarations: {
      projectNotStarted: true,
      subsidyFraudAcknowledged: true,
      transparencyConsent: true,
      transparencyRefusalReason: '',
    },
  };
}

function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * 24 * 60 * 60 * 1000);
}
