import {
  COST_CATEGORY_LABELS,
  FINANCING_TYPE_TEXTS,
  formatDate,
  LINE_RULE_TEXTS,
  type Locale,
  Money,
  SETTLEMENT_STEP_TEXTS,
} from '@kiezfonds/domain';
import { heading, keyValues, paragraph, signatures, subheading } from '../layout/blocks';
import { letterhead } from '../layout/letterhead';
import { createPdf, finishPdf } from '../layout/pdf';
import { table } from '../layout/table';
import type { RecoveryNoticeInput } from './recovery-notice.input';
import { RECOVERY_NOTICE_TEXTS } from './recovery-notice.texts';

function percent(basisPoints: number, locale: Locale): string {
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  const text = `${Math.trunc(abs / 100)}${locale === 'de' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  return `${sign}${text} %`;
}

/**
 * The Rückforderungs- und Zinsbescheid: every figure of the claim on its own line — the cost
 * lines with the rule applied, the steps to the final grant, each payment's interest period by
 * period — so the carrier (and an auditor) can recompute it with a pencil.
 */
export async function renderRecoveryNotice(input: RecoveryNoticeInput): Promise<Buffer> {
  const { locale } = input;
  const t = RECOVERY_NOTICE_TEXTS[locale];
  const date = (value: string) => formatDate(value, locale);
  const money = (value: Money) => value.format(locale);

  const pdf = createPdf({
    locale,
    title: `${t.documentTitle}: ${input.project.title}`,
    author: input.issuer.district,
    subject: t.documentTitle,
    createdAt: input.issuedOn,
    footerNote: `${t.fileReference}: ${input.fileReference}`,
  });
  letterhead(
    pdf,
    input.issuer,
    [
      [t.fileReference, input.fileReference],
      [t.date, date(input.issuedOn)],
    ],
    [
      input.recipient.name,
      input.recipient.address.street,
      `${input.recipient.address.postalCode} ${input.recipient.address.city}`,
    ],
  );
  paragraph(pdf, t.documentTitle, { bold: true, size: 12, gap: 1 });
  paragraph(pdf, t.project(input.project.title, input.project.reference), { bold: true, gap: 8 });
  paragraph(pdf, t.salutation, { gap: 8 });
  paragraph(
    pdf,
    t.decision({
      grantNotice: input.grantNoticeReference,
      principal: money(input.principal),
      interest: money(input.interest),
      total: money(input.total),
      dueBy: date(input.dueBy),
    }),
    { align: 'justify', gap: 6 },
  );
  paragraph(pdf, t.reason[input.reason], { gap: 8 });

  const { settlement } = input;
  if (settlement) {
    heading(pdf, t.sections.settlement);
    keyValues(pdf, [[t.financingType, FINANCING_TYPE_TEXTS[settlement.financingType][locale]]], {
      keepWithNext: true,
    });
    table(
      pdf,
      [
        { header: t.columns.cashYear, weight: 0.9 },
        { header: t.columns.category, weight: 1.4 },
        { header: t.columns.planned, weight: 1.3, align: 'right' },
        { header: t.columns.actual, weight: 1.3, align: 'right' },
        { header: t.columns.eligible, weight: 1.3, align: 'right' },
        { header: t.columns.rule, weight: 3.2 },
      ],
      settlement.lines.map((line) => [
        String(line.cashYear),
        COST_CATEGORY_LABELS[line.category][locale],
        money(line.planned),
        money(line.actual),
        money(line.eligible),
        // A net settlement names the VAT it took off, so spent less VAT adds up to what counted.
        line.excludedVat.isPositive()
          ? `${LINE_RULE_TEXTS[line.rule][locale]}; ${t.vatTakenOff(money(line.excludedVat))}`
          : LINE_RULE_TEXTS[line.rule][locale],
      ]),
    );
    heading(pdf, t.sections.steps);
    table(
      pdf,
      [
        { header: '', weight: 4 },
        { header: '', weight: 1.4, align: 'right' },
      ],
      settlement.steps.map((step) => ({
        cells: [
          step.key === 'share' && step.basisPoints !== undefined
            ? `${SETTLEMENT_STEP_TEXTS.share[locale]}: ${percent(step.basisPoints, locale)}`
            : SETTLEMENT_STEP_TEXTS[step.key][locale],
          money(step.amount),
        ],
        bold: step.key === 'final_grant' || step.key === 'to_repay',
      })),
      { header: false },
    );
  }

  heading(pdf, t.sections.principal);
  table(
    pdf,
    [
      { header: '', weight: 4 },
      { header: '', weight: 1.4, align: 'right' },
    ],
    [
      // Late use: the payments are only the base of the interest, nothing of them is repaid.
      ...(input.reason === 'late_use'
        ? []
        : input.payments.map((payment) => [t.paymentLine(date(payment.paidOn)), money(payment.principal)])),
      { cells: [t.totals.principal, money(input.principal)], bold: true },
    ],
    { header: false },
  );

  heading(pdf, t.sections.interest);
  paragraph(pdf, t.interestRule(input.reason === 'late_use' ? null : date(input.interestUntil)), { gap: 4 });
  /** Interest period by period (from, to, days, rate, amount), then the rows that sum it up. */
  const interestTable = (
    lines: RecoveryNoticeInput['payments'][number]['interestLines'],
    sums: Parameters<typeof table>[2],
  ) =>
    table(
      pdf,
      [
        { header: t.columns.period, weight: 2.6 },
        { header: t.columns.days, weight: 0.8, align: 'right' },
        { header: t.columns.rate, weight: 2.4 },
        { header: t.columns.amount, weight: 1.4, align: 'right' },
      ],
      [
        ...lines.map((line) => [
          `${date(line.from)} – ${date(line.to)}`,
          String(line.days),
          t.rateText(percent(line.rateBasisPoints, locale), percent(line.baseRateBasisPoints, locale)),
          money(line.interest),
        ]),
        ...sums,
      ],
    );
  for (const payment of input.payments) {
    subheading(pdf, `${t.paymentLine(date(payment.paidOn))}: ${money(payment.principal)}`);
    interestTable(payment.interestLines, [
      { cells: [t.interestSum, '', '', money(payment.interest)], bold: true },
    ]);
  }

  const credits = input.lateUseCredits ?? [];
  if (credits.length > 0) {
    paragraph(pdf, t.lateUseCredit.rule, { gap: 4 });
    for (const credit of credits) {
      subheading(
        pdf,
        t.lateUseCredit.heading({
          reference: credit.reference,
          paidOn: date(credit.paidOn),
          usedOn: date(credit.usedOn),
          principal: money(credit.principal),
        }),
      );
      const interest = Money.sum(credit.interestLines.map((line) => line.interest));
      interestTable(credit.interestLines, [
        // Shown when not all of the calculation was paid: only what was paid is credited.
        ...(credit.paid.equals(interest) ? [] : [[t.lateUseCredit.paid, '', '', money(credit.paid)]]),
        // Shown when the claim reclaims only part of the money: only its share is credited.
        ...(credit.share && credit.claimed && !credit.claimed.equals(credit.principal)
          ? [[t.lateUseCredit.share(money(credit.claimed)), '', '', money(credit.share)]]
          : []),
        { cells: [t.lateUseCredit.credited, '', '', money(credit.credited)], bold: true },
      ]);
    }
  }

  heading(pdf, t.sections.total);
  table(
    pdf,
    [
      { header: '', weight: 4 },
      { header: '', weight: 1.4, align: 'right' },
    ],
    [
      [t.totals.principal, money(input.principal)],
      [t.totals.interest, money(input.interest)],
      { cells: [t.totals.total, money(input.total)], bold: true },
    ],
    { header: false },
  );
  heading(pdf, t.sections.legal);
  paragraph(pdf, t.legal);
  pdf.doc.moveDown(0.5);
  paragraph(pdf, t.closing, { gap: 0 });
  signatures(pdf, [{ name: input.signatory.name, role: input.signatory.role }]);
  return finishPdf(pdf);
}
