import { formatDate, formatDateTime, Money } from '@kiezfonds/domain';
import { heading, keyValues, paragraph, signatures, title } from '../layout/blocks';
import { letterhead } from '../layout/letterhead';
import { createPdf, finishPdf } from '../layout/pdf';
import { table, type TableRow } from '../layout/table';
import type { SessionAgendaInput } from './session-agenda.input';
import { SESSION_AGENDA_TEXTS } from './session-agenda.texts';

/** The invitation to a committee session, with the applications on its agenda. */
export async function renderSessionAgenda(input: SessionAgendaInput): Promise<Buffer> {
  const { locale, session } = input;
  const t = SESSION_AGENDA_TEXTS[locale];
  const money = (value: Money) => value.format(locale);

  const pdf = createPdf({
    locale,
    title: t.documentTitle(input.committee),
    author: input.issuer.district,
    subject: formatDateTime(session.startsAt, locale),
    createdAt: input.invitedOn,
    draft: input.draft,
  });
  letterhead(pdf, input.issuer, [[t.date, formatDate(input.invitedOn, locale)]]);
  title(pdf, t.documentTitle(input.committee), session.title);
  keyValues(pdf, [
    [t.labels.committee, input.committee],
    [t.labels.startsAt, formatDateTime(session.startsAt, locale)],
    ...(session.endsAt ? [[t.labels.endsAt, formatDateTime(session.endsAt, locale)] as const] : []),
    [t.labels.place, session.place],
  ]);

  paragraph(pdf, t.salutation(input.committee));
  paragraph(pdf, t.invitation, { align: 'justify' });
  paragraph(pdf, t.conflicts, { align: 'justify' });

  heading(pdf, t.agenda);
  const applications: TableRow[] = input.applications.map((application, index) => ({
    cells: [
      String(index + 1),
      application.reference ? `${application.title}\n${application.reference}` : application.title,
      application.carrier,
      money(application.requestedAmount),
      application.areas.join(', '),
    ],
  }));
  const others: TableRow[] = (input.otherItems ?? []).map((item, index) => ({
    cells: [String(input.applications.length + index + 1), item, '', '', ''],
  }));
  const total = Money.sum(input.applications.map((application) => application.requestedAmount));
  table(
    pdf,
    [
      { header: t.columns.item, weight: 0.7 },
      { header: t.columns.application, weight: 3 },
      { header: t.columns.carrier, weight: 2.4 },
      { header: t.columns.requested, weight: 1.5, align: 'right' },
      { header: t.columns.areas, weight: 2.1 },
    ],
    [...applications, { cells: ['', t.totalRequested, '', money(total), ''], bold: true }, ...others],
  );

  paragraph(pdf, t.closing, { gap: 0 });
  signatures(pdf, [{ name: input.signatory.name, role: input.signatory.role }]);
  return finishPdf(pdf);
}
