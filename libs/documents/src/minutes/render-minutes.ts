import { formatDate, formatDateTime } from '@kiezfonds/domain';
import { heading, keyValues, paragraph, signatures, title } from '../layout/blocks';
import { letterhead } from '../layout/letterhead';
import { createPdf, finishPdf, type Pdf } from '../layout/pdf';
import { table } from '../layout/table';
import type { DecisionRules, MinutesInput, MinutesItem, MinutesVote, VoteChoice } from './minutes.input';
import { MINUTES_TEXTS, type MinutesTexts } from './minutes.texts';

/**
 * The minutes (Protokoll) of a committee session or written procedure: attendance, quorum, every
 * vote by name, recusals and decisions, so the record answers who decided what.
 */
export async function renderMinutes(input: MinutesInput): Promise<Buffer> {
  const { locale, procedure } = input;
  const t = MINUTES_TEXTS[locale];
  const written = procedure.kind === 'written';
  const dateTime = (value: string) => formatDateTime(value, locale);

  const pdf = createPdf({
    locale,
    title: t.documentTitle(input.committee, written),
    author: input.issuer.district,
    subject: input.title,
    createdAt: input.recordedOn,
    draft: input.draft,
  });
  letterhead(pdf, input.issuer, [[t.labels.date, formatDate(input.recordedOn, locale)]]);
  title(pdf, t.documentTitle(input.committee, written), input.title);

  keyValues(pdf, [
    [t.labels.committee, input.committee],
    ...(procedure.kind === 'session'
      ? [
          ...(procedure.scheduledFor
            ? [[t.labels.scheduledFor, dateTime(procedure.scheduledFor)] as const]
            : []),
          [t.labels.startsAt, dateTime(procedure.startsAt)] as const,
          ...(procedure.endsAt ? [[t.labels.endsAt, dateTime(procedure.endsAt)] as const] : []),
          [t.labels.place, procedure.place] as const,
        ]
      : [
          [t.labels.procedure, t.writtenProcedure] as const,
          [t.labels.openedAt, dateTime(procedure.openedAt)] as const,
          [t.labels.deadline, dateTime(procedure.deadline)] as const,
          [t.labels.closedAt, dateTime(procedure.closedAt)] as const,
        ]),
    [t.labels.chair, input.chair],
    [t.labels.minuteTaker, input.minuteTaker],
  ]);

  if (procedure.kind === 'session') {
    heading(pdf, t.attendance);
    table(
      pdf,
      [
        { header: t.attendanceColumns.name, weight: 2 },
        { header: t.attendanceColumns.department, weight: 2.4 },
        { header: t.attendanceColumns.role, weight: 1.2 },
        { header: t.attendanceColumns.status, weight: 2 },
      ],
      procedure.attendance.map((member) => [
        member.name,
        member.department,
        t.roles[member.role],
        t.status(member.status, member.substitute, member.presentFor),
      ]),
    );
    heading(pdf, t.quorum);
    paragraph(pdf, t.sessionQuorum(procedure.quorum, input.rules.quorumShare));
  }

  heading(pdf, t.rules);
  paragraph(pdf, t.rulesText(input.rules), { align: 'justify' });

  input.items.forEach((item, index) =>
    renderItem(pdf, t, item.rules ?? input.rules, item, index + 1, written),
  );

  pdf.doc.moveDown(1);
  signatures(pdf, [
    { caption: t.labels.chair, name: input.chair },
    { caption: t.labels.minuteTaker, name: input.minuteTaker },
  ]);
  return finishPdf(pdf);
}

function renderItem(
  pdf: Pdf,
  t: MinutesTexts,
  rules: DecisionRules,
  item: MinutesItem,
  number: number,
  written: boolean,
): void {
  const { locale } = pdf;
  heading(pdf, t.item(number, item.title));
  const details: Array<readonly [string, string]> = [];
  if (item.carrier) details.push([t.labels.carrier, item.carrier]);
  if (item.reference) details.push([t.labels.reference, item.reference]);
  if (item.requestedAmount) details.push([t.labels.requested, item.requestedAmount.format(locale)]);
  if (details.length > 0) keyValues(pdf, details);
  if (item.discussion) keyValues(pdf, [[t.labels.discussion, item.discussion]]);

  if (item.openedWithoutQuorum) {
    paragraph(
      pdf,
      t.openedWithoutQuorum(item.openedWithoutQuorum.present, item.openedWithoutQuorum.required),
    );
  }
  paragraph(pdf, t.itemQuorum(item.quorum));
  const recused = item.votes.filter((vote) => vote.choice === 'recused').map((vote) => voter(t, vote));
  if (recused.length > 0) paragraph(pdf, t.recused(recused.join(', ')));
  const withdrawn = item.votes.filter((vote) => vote.withdrawn).map((vote) => voter(t, vote));
  if (withdrawn.length > 0) paragraph(pdf, t.withdrawnNote(withdrawn.join(', ')));

  table(
    pdf,
    [
      { header: t.voteColumns.member, weight: 3 },
      { header: t.voteColumns.vote, weight: 2 },
      ...(written ? [{ header: t.voteColumns.castAt, weight: 1.6 }] : []),
    ],
    item.votes.map((vote) => [
      voter(t, vote),
      vote.withdrawn ? t.withdrawn : t.choices[vote.choice],
      ...(written ? [vote.castAt ? formatDateTime(vote.castAt, locale) : '–'] : []),
    ]),
  );

  const counts = countVotes(item.votes);
  const cast = counts.yes + counts.no + (rules.abstentionsCountAsCast ? counts.abstain : 0);
  keyValues(pdf, [
    [t.labels.votes, t.tally(counts)],
    [t.labels.cast, t.cast(cast, rules.abstentionsCountAsCast)],
    [t.labels.required, t.majority[rules.majority]],
    [t.labels.outcome, t.outcomes[item.outcome]],
    ...(item.decision ? [[t.labels.decision, item.decision] as const] : []),
  ]);
}

function voter(t: MinutesTexts, vote: MinutesVote): string {
  return vote.onBehalfOf ? t.substituteFor(vote.name, vote.onBehalfOf) : vote.name;
}

function countVotes(votes: readonly MinutesVote[]): Record<VoteChoice, number> {
  const counts: Record<VoteChoice, number> = { yes: 0, no: 0, abstain: 0, recused: 0, none: 0, absent: 0 };
  for (const vote of votes) counts[vote.choice]++;
  return counts;
}
