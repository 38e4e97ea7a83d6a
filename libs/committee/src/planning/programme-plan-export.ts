import { Injectable } from '@nestjs/common';
import { calendarDayOf, formatDate, Money } from '@kiezfonds/domain';
import { renderProgrammeList } from '@kiezfonds/documents';
import type { Principal } from '@kiezfonds/identity';
import { DataSource } from 'typeorm';
import { issuingOffice } from '../documents/issuing-office';
import { type PlanItemView, ProgrammePlanService } from './programme-plan.service';
import { exceljs } from '@kiezfonds/platform';

type File = { fileName: string; content: Buffer };

const EURO_FORMAT = '#,##0.00 "€"';

/**
 * The priority list for the Senate: as PDF (libs/documents) and as XLSX, with real numbers for
 * euros so the Senate's staff can sum them. A plan not yet final is marked as a draft.
 */
@Injectable()
export class ProgrammePlanExport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: ProgrammePlanService,
  ) {}

  async pdf(principal: Principal, callId: string): Promise<File> {
    const plan = await this.plans.get(principal, callId);
    const [call] = (await this.dataSource.query(`SELECT district_id FROM call WHERE id = $1`, [callId])) as {
      district_id: string;
    }[];
    const { districtName, ...issuer } = await issuingOffice(
      this.dataSource,
      call!.district_id,
      principal.userId,
    );
    const content = await renderProgrammeList({
      locale: principal.language,
      draft: plan.status !== 'final',
      issuer,
      fund: 'Netzwerkfonds',
      programmeYear: plan.programmeYear,
      budget: Money.fromCents(plan.budgetCents),
      entries: listed(plan.items).map((item) => ({
        rank: item.rank!,
        title: item.title,
        carrier: item.carrier,
        reference: item.reference,
        requestedAmount: Money.fromCents(item.requestedCents),
        amount: Money.fromCents(item.amountCents),
        status: item.status as 'selected' | 'waitlisted',
        ...(item.amountReason ? { adjustmentReason: item.amountReason } : {}),
      })),
      // The Berlin day, as the XLSX dates it: a list finalised after midnight is not the day before.
      preparedOn: calendarDayOf(plan.finalisedAt ? new Date(plan.finalisedAt) : new Date()),
    });
    return { fileName: `prioritaetenliste-${slug(districtName)}-${plan.programmeYear}.pdf`, content };
  }

  async xlsx(principal: Principal, callId: string): Promise<File> {
    const plan = await this.plans.get(principal, callId);
    const de = principal.language === 'de';
    const book = new (exceljs().Workbook)();
    book.creator = 'kiezfonds';
    const sheet = book.addWorksheet(de ? 'Prioritätenliste' : 'Priority list', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const headers = de
      ? [
          'Rang',
          'Aktenzeichen',
          'Vorhaben',
          'Träger',
          'Bewertung (%)',
          'Beantragt',
          'Geplant',
          'Begründung',
          'Status',
        ]
      : ['Rank', 'Reference', 'Project', 'Carrier', 'Score (%)', 'Requested', 'Planned', 'Reason', 'Status'];
    sheet.columns = [6, 16, 40, 30, 12, 14, 14, 40, 14].map((width) => ({ width }));
    sheet.addRow(headers).font = { bold: true };
    const status = (s: PlanItemView['status']) =>
      ({ selected: de ? 'ausgewählt' : 'selected', waitlisted: de ? 'Warteliste' : 'waitlisted' })[
        s as 'selected' | 'waitlisted'
      ];
    for (const item of listed(plan.items)) {
      const row = sheet.addRow([
        item.rank,
        item.reference,
        item.title,
        item.carrier,
        item.score === null ? null : item.score / 100,
        euros(item.requestedCents),
        euros(item.amountCents),
        item.amountReason ?? '',
        status(item.status),
      ]);
      row.getCell(5).numFmt = '0.00';
      row.getCell(6).numFmt = EURO_FORMAT;
      row.getCell(7).numFmt = EURO_FORMAT;
    }
    sheet.addRow([]);
    for (const [label, cents] of [
      [de ? 'Budget' : 'Budget', plan.budgetCents],
      [de ? 'Ausgewählt' : 'Selected', plan.totals.selectedCents],
      [de ? 'Verbleibend' : 'Remaining', plan.totals.remainingCents],
    ] as const) {
      const row = sheet.addRow([null, null, label, null, null, null, euros(cents)]);
      row.getCell(3).font = { bold: true };
      row.getCell(7).numFmt = EURO_FORMAT;
    }
    const stamp = formatDate(new Date(plan.finalisedAt ?? Date.now()), principal.language);
    sheet.addRow([]);
    sheet.addRow([
      null,
      null,
      plan.status === 'final'
        ? `${de ? 'Beschlossen am' : 'Final on'} ${stamp}`
        : de
          ? `Entwurf vom ${stamp}`
          : `Draft of ${stamp}`,
    ]);
    const content = Buffer.from(await book.xlsx.writeBuffer());
    return { fileName: `prioritaetenliste-${plan.programmeYear}.xlsx`, content };
  }
}

/** The ranked list: selected and waitlisted applications in rank order. */
function listed(items: readonly PlanItemView[]): PlanItemView[] {
  return items.filter((item) => item.rank !== null && item.status !== 'not_adopted');
}

/** Cents as a number of euros for a spreadsheet cell (exact for any budget below 90 trillion euros). */
function euros(cents: string): number {
  return Number(cents) / 100;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
