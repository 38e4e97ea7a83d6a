import { formatDate, Money } from '@kiezfonds/domain';
import { heading, keyValues, list, paragraph, signatures } from '../layout/blocks';
import { addressLine } from '../layout/issuer';
import { letterhead } from '../layout/letterhead';
import { createPdf, finishPdf } from '../layout/pdf';
import { table } from '../layout/table';
import type { GrantNoticeInput } from './grant-notice.input';
import { GRANT_NOTICE_TEXTS } from './grant-notice.texts';

/** The Zuwendungsbescheid as a PDF letter from the district office to the carrier. */
export async function renderGrantNotice(input: GrantNoticeInput): Promise<Buffer> {
  assertConsistent(input);
  const { locale } = input;
  const t = GRANT_NOTICE_TEXTS[locale];
  const date = (value: string) => formatDate(value, locale);
  const money = (value: Money) => value.format(locale);
  const programme = input.programme ?? t.defaultProgramme;

  const pdf = createPdf({
    locale,
    title: `${t.documentTitle}: ${input.project.title}`,
    author: input.issuer.district,
    subject: t.subject(input.fund, programme, input.programmeYear),
    createdAt: input.issuedOn,
    draft: input.draft,
    footerNote: `${t.fileReference}: ${input.fileReference}`,
  });

  const { recipient } = input;
  const representatives = recipient.legalRepresentatives
    .map((person) => (person.role ? `${person.name} (${person.role})` : person.name))
    .join(', ');
  letterhead(
    pdf,
    input.issuer,
    [
      [t.fileReference, input.fileReference],
      [t.date, date(input.issuedOn)],
    ],
    [
      recipient.name,
      ...(representatives ? [`${t.legalRepresentatives} ${representatives}`] : []),
      recipient.address.street,
      `${recipient.address.postalCode} ${recipient.address.city}`,
    ],
  );

  paragraph(pdf, t.documentTitle, { bold: true, size: 12, gap: 1 });
  paragraph(pdf, t.subject(input.fund, programme, input.programmeYear), { bold: true, gap: 1 });
  paragraph(pdf, t.projectLine(input.project.title), { bold: true, gap: 1 });
  if (input.applicationDate) paragraph(pdf, t.yourApplication(date(input.applicationDate)), { gap: 1 });
  pdf.doc.moveDown(0.8);
  paragraph(pdf, t.salutation, { gap: 8 });

  heading(pdf, t.sections.grant);
  paragraph(
    pdf,
    t.decision({
      applicationDate: input.applicationDate && date(input.applicationDate),
      basis:
        input.decision &&
        t.basis({
          ...input.decision,
          decidedOn: date(input.decision.decidedOn),
          session: input.decision.session && {
            title: input.decision.session.title,
            date: date(input.decision.session.date),
          },
          programmePlanFinalisedOn:
            input.decision.programmePlanFinalisedOn && date(input.decision.programmePlanFinalisedOn),
        }),
      title: input.project.title,
      amount: money(input.amount),
      start: date(input.period.start),
      end: date(input.period.end),
    }),
    { align: 'justify', gap: 8 },
  );
  keyValues(pdf, [
    [t.labels.recipient, recipient.name],
    [t.labels.project, input.project.title],
    ...(input.project.reference ? [[t.labels.reference, input.project.reference] as const] : []),
    [t.labels.amount, t.upTo(money(input.amount))],
    [t.labels.fundingType, input.fundingType ?? t.defaultFundingType],
    [t.labels.period, t.periodRange(date(input.period.start), date(input.period.end))],
    [t.labels.programmeYear, String(input.programmeYear)],
    [t.labels.fund, t.fundWithProgramme(input.fund, programme)],
    [t.labels.legalBasis, t.legalBasis],
  ]);
  paragraph(pdf, t.outsidePeriod);

  heading(pdf, t.sections.payment);
  table(
    pdf,
    [
      { header: t.cashYear, weight: 1 },
      { header: t.amount, weight: 1, align: 'right' },
    ],
    [
      ...input.instalments.map((instalment) => [String(instalment.cashYear), money(instalment.amount)]),
      { cells: [t.total, money(input.amount)], bold: true },
    ],
  );
  paragraph(pdf, t.callOff, { align: 'justify' });
  paragraph(
    pdf,
    t.promptUse(input.instalments.map((i) => ({ cashYear: i.cashYear, months: i.promptUseMonths }))),
    { align: 'justify' },
  );

  heading(pdf, t.sections.reports);
  table(
    pdf,
    [
      { header: t.report, weight: 3 },
      { header: t.due, weight: 1, align: 'right' },
    ],
    [
      ...input.reports.interim.map((report) => [t.interimReport(report.covers), date(report.due)]),
      [t.proofOfUse, date(input.reports.proofOfUse)],
    ],
  );
  paragraph(pdf, t.repayment, { align: 'justify' });

  heading(pdf, t.sections.conditions);
  paragraph(pdf, t.anbestP, { align: 'justify' });
  if (input.conditions.length > 0) {
    paragraph(pdf, t.furtherConditions);
    list(pdf, input.conditions);
  }

  heading(pdf, t.sections.remedy);
  const authority = `${input.issuer.district}, ${input.issuer.office}, ${addressLine(input.issuer.address)}`;
  paragraph(pdf, t.remedy(authority), { align: 'justify', gap: 14 });

  paragraph(pdf, t.closing, { gap: 2 });
  paragraph(pdf, t.onBehalf, { gap: 0 });
  signatures(pdf, [{ name: input.signatory.name, role: input.signatory.role }]);

  return finishPdf(pdf);
}

/** A notice whose instalments do not add up to its amount would commit the wrong money. */
function assertConsistent(input: GrantNoticeInput): void {
  const instalments = Money.sum(input.instalments.map((instalment) => instalment.amount));
  if (!instalments.equals(input.amount)) {
    throw new RangeError(
      `The instalments add up to ${instalments.toString()} cents, not the granted ${input.amount.toString()}`,
    );
  }
  for (const { promptUseMonths } of input.instalments) {
    if (!Number.isInteger(promptUseMonths) || promptUseMonths < 1) {
      throw new RangeError(`Not a number of months: ${promptUseMonths}`);
    }
  }
}
