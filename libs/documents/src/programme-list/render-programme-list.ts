import { formatDate, Money } from '@kiezfonds/domain';
import { heading, keyValues, list, paragraph, signatures, title } from '../layout/blocks';
import { letterhead } from '../layout/letterhead';
import { createPdf, finishPdf } from '../layout/pdf';
import { table } from '../layout/table';
import type { ProgrammeListEntry, ProgrammeListInput } from './programme-list.input';
import { PROGRAMME_LIST_TEXTS } from './programme-list.texts';

/** The ranked priority list of a programme year, as the district sends it to the Senate. */
export async function renderProgrammeList(input: ProgrammeListInput): Promise<Buffer> {
  const { locale } = input;
  const t = PROGRAMME_LIST_TEXTS[locale];
  const money = (value: Money) => value.format(locale);
  const entries = [...input.entries].sort((a, b) => a.rank - b.rank);
  const selected = entries.filter((entry) => entry.status === 'selected');
  const waitlisted = entries.filter((entry) => entry.status === 'waitlisted');
  const selectedTotal = sumOf(selected);
  const remaining = input.budget.subtract(selectedTotal);

  const pdf = createPdf({
    locale,
    title: t.documentTitle(input.fund, input.programmeYear),
    author: input.issuer.district,
    createdAt: input.preparedOn,
    draft: input.draft,
  });
  letterhead(pdf, input.issuer, [[t.date, formatDate(input.preparedOn, locale)]]);
  title(pdf, t.documentTitle(input.fund, input.programmeYear));
  keyValues(pdf, [
    [t.labels.fund, input.fund],
    [t.labels.programmeYear, String(input.programmeYear)],
    [t.labels.budget, money(input.budget)],
    ...(input.basis ? [[t.labels.basis, input.basis] as const] : []),
  ]);
  paragraph(pdf, t.intro, { align: 'justify', gap: 10 });

  table(
    pdf,
    [
      { header: t.columns.rank, weight: 0.7 },
      { header: t.columns.application, weight: 3 },
      { header: t.columns.carrier, weight: 2.4 },
      { header: t.columns.requested, weight: 1.6, align: 'right' },
      { header: t.columns.amount, weight: 1.6, align: 'right' },
      { header: t.columns.status, weight: 1.4 },
    ],
    entries.map((entry) => [
      String(entry.rank),
      entry.reference ? `${entry.title}\n${entry.reference}` : entry.title,
      entry.carrier,
      money(entry.requestedAmount),
      money(entry.amount) + (isAdjusted(entry) ? ' *' : ''),
      t.status[entry.status],
    ]),
  );

  heading(pdf, t.totals);
  table(
    pdf,
    [
      { header: '', weight: 3 },
      { header: '', weight: 1.4, align: 'right' },
    ],
    [
      [t.labels.budget, money(input.budget)],
      [t.selectedTotal(selected.length), money(selectedTotal)],
      { cells: [t.remaining, money(remaining)], bold: true },
      [t.waitlistedTotal(waitlisted.length), money(sumOf(waitlisted))],
    ],
    { header: false },
  );
  if (remaining.isNegative())
    paragraph(pdf, t.overBudget(money(remaining.negate())), { bold: true, color: '#a00000' });

  const adjusted = entries.filter(isAdjusted);
  if (adjusted.length > 0) {
    heading(pdf, `* ${t.adjustments}`);
    list(
      pdf,
      adjusted.map((entry) =>
        t.adjustment({
          rank: entry.rank,
          title: entry.title,
          requested: money(entry.requestedAmount),
          amount: money(entry.amount),
          reason: entry.adjustmentReason,
        }),
      ),
      'bullet',
    );
  }

  if (input.signatory) {
    pdf.doc.moveDown(0.5);
    paragraph(pdf, t.closing, { gap: 0 });
    signatures(pdf, [{ name: input.signatory.name, role: input.signatory.role }]);
  }
  return finishPdf(pdf);
}

function isAdjusted(entry: ProgrammeListEntry): boolean {
  return !entry.amount.equals(entry.requestedAmount);
}

function sumOf(entries: readonly ProgrammeListEntry[]): Money {
  return Money.sum(entries.map((entry) => entry.amount));
}
