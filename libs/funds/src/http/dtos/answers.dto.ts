import { ApiProperty } from '@nestjs/swagger';
import { FUND_KINDS, type FundKind, LEDGER_ENTRY_KINDS, type LedgerEntryKind } from '@kiezfonds/domain';
import { AREA_KINDS } from '@kiezfonds/persistence';

/*
 * What the funds API answers, for the OpenAPI document (and so the web's generated types). Every
 * amount is integer cents as a string of digits (figures-json.ts): JSON has no bigint.
 */

const cents = (description?: string) => ({
  type: String,
  pattern: '^-?\\d+$',
  example: '1250000',
  description,
});
const nullableText = { type: String, nullable: true } as const;
const nullableUuid = { type: String, format: 'uuid', nullable: true } as const;

export class FiguresDto {
  @ApiProperty(cents())
  budgetCents: string;

  @ApiProperty(cents())
  committedCents: string;

  @ApiProperty(cents('budget − committed'))
  availableCents: string;

  @ApiProperty(cents())
  disbursedCents: string;

  @ApiProperty(cents())
  repaidCents: string;

  @ApiProperty(cents('disbursed − repaid'))
  paidCents: string;

  @ApiProperty(cents('committed − paid'))
  outstandingCents: string;
}

export class FundDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty({ enum: FUND_KINDS })
  kind: FundKind;

  @ApiProperty(nullableUuid)
  areaId: string | null;

  @ApiProperty(nullableText)
  areaName: string | null;

  @ApiProperty()
  name: string;
}

export class FundYearFiguresDto extends FiguresDto {
  @ApiProperty()
  programmeYear: number;

  @ApiProperty()
  entryCount: number;
}

export class FundWithBalanceDto extends FundDto {
  @ApiProperty({ type: FundYearFiguresDto })
  balance: FundYearFiguresDto;
}

export class FundListDto {
  @ApiProperty({ type: [FundWithBalanceDto] })
  items: FundWithBalanceDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ description: 'The programme year of the balances' })
  programmeYear: number;
}

export class CashYearDto {
  @ApiProperty()
  cashYear: number;

  @ApiProperty(cents('Commitments minus de-commitments booked to this cash year (Kassenjahr)'))
  plannedCents: string;

  @ApiProperty(cents())
  disbursedCents: string;

  @ApiProperty(cents())
  repaidCents: string;

  @ApiProperty(cents())
  paidCents: string;
}

export class FundYearDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' })
  fundId: string;

  @ApiProperty({ enum: FUND_KINDS })
  fundKind: FundKind;

  @ApiProperty()
  fundName: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty(nullableUuid)
  areaId: string | null;

  @ApiProperty()
  programmeYear: number;

  @ApiProperty()
  entryCount: number;

  @ApiProperty({ type: [CashYearDto] })
  cashYears: CashYearDto[];
}

export class ActorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;
}

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The position in the ledger, a string of digits' })
  seq: string;

  @ApiProperty({ format: 'date-time' })
  bookedAt: string;

  @ApiProperty({ format: 'uuid' })
  fundId: string;

  @ApiProperty()
  programmeYear: number;

  @ApiProperty({ type: Number, nullable: true })
  cashYear: number | null;

  @ApiProperty({ enum: LEDGER_ENTRY_KINDS })
  kind: LedgerEntryKind;

  @ApiProperty({ enum: ['increase', 'decrease'], nullable: true, description: 'Budget amendments only' })
  direction: 'increase' | 'decrease' | null;

  @ApiProperty(cents())
  amountCents: string;

  @ApiProperty({
    ...nullableUuid,
    description: 'Entries of Netzwerkfonds applications belong to the workflow and cannot be reversed here',
  })
  applicationId: string | null;

  @ApiProperty(nullableUuid)
  trackedProjectId: string | null;

  @ApiProperty(nullableText)
  projectTitle: string | null;

  @ApiProperty(nullableText)
  organisationName: string | null;

  @ApiProperty(nullableText)
  callOffRef: string | null;

  @ApiProperty(nullableText)
  grantNoticeRef: string | null;

  @ApiProperty({ type: ActorDto, nullable: true })
  actor: ActorDto | null;

  @ApiProperty(nullableText)
  reason: string | null;

  @ApiProperty({ enum: LEDGER_ENTRY_KINDS, nullable: true })
  reversedKind: LedgerEntryKind | null;

  @ApiProperty(nullableText)
  reversesSeq: string | null;

  @ApiProperty({ ...nullableUuid, description: 'The reversal that cancelled this entry, if any' })
  reversedByEntryId: string | null;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] })
  items: LedgerEntryDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class BookedBalanceDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' })
  fundId: string;

  @ApiProperty()
  programmeYear: number;
}

export class BookedDto {
  @ApiProperty({ type: LedgerEntryDto })
  entry: LedgerEntryDto;

  @ApiProperty({ type: BookedBalanceDto, description: 'The fund in the entry’s programme year, after it' })
  balance: BookedBalanceDto;
}

/** A project of an Aktions-, Projekt- or Baufonds with its money so far (all programme years). */
export class TrackedProjectDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  fundId: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'uuid' })
  areaId: string;

  @ApiProperty()
  areaName: string;

  @ApiProperty(nullableUuid)
  actionFieldId: string | null;

  @ApiProperty(nullableText)
  actionFieldName: string | null;

  @ApiProperty({ format: 'date' })
  decisionDate: string;

  @ApiProperty({ format: 'date' })
  periodStart: string;

  @ApiProperty({ format: 'date' })
  periodEnd: string;

  @ApiProperty(cents('The grant'))
  amountCents: string;

  @ApiProperty(cents())
  committedCents: string;

  @ApiProperty(cents())
  disbursedCents: string;

  @ApiProperty(cents())
  repaidCents: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class TrackedProjectPageDto {
  @ApiProperty({ type: [TrackedProjectDto] })
  items: TrackedProjectDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class CarrierDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class CarrierPageDto {
  @ApiProperty({ type: [CarrierDto] })
  items: CarrierDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class DistrictAreaDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: AREA_KINDS })
  kind: (typeof AREA_KINDS)[number];

  @ApiProperty()
  name: string;

  @ApiProperty()
  slug: string;

  @ApiProperty(nullableUuid)
  parentId: string | null;
}

export class DistrictAreaListDto {
  @ApiProperty({ type: [DistrictAreaDto] })
  items: DistrictAreaDto[];
}

export class ActionFieldDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  slug: string;
}

export class ActionFieldListDto {
  @ApiProperty({ type: [ActionFieldDto] })
  items: ActionFieldDto[];
}

export class AreaFiguresDto extends FiguresDto {
  @ApiProperty(nullableUuid)
  areaId: string | null;

  @ApiProperty({ ...nullableText, description: 'null: money of funds without an area (the Netzwerkfonds)' })
  areaName: string | null;
}

export class ActionFieldFiguresDto {
  @ApiProperty(nullableUuid)
  actionFieldId: string | null;

  @ApiProperty({ ...nullableText, description: 'null: projects without an action field' })
  actionFieldName: string | null;

  @ApiProperty({ enum: FUND_KINDS })
  fundKind: FundKind;

  @ApiProperty(cents())
  committedCents: string;

  @ApiProperty(cents())
  disbursedCents: string;

  @ApiProperty(cents())
  repaidCents: string;

  @ApiProperty(cents())
  paidCents: string;

  @ApiProperty(cents())
  outstandingCents: string;
}

export class DistrictFundYearDto extends FundYearDto {
  @ApiProperty(nullableText)
  areaName: string | null;
}

/** A district's figures in one programme year, by fund, area and action field. */
export class DistrictBalancesDto {
  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty()
  programmeYear: number;

  @ApiProperty({ type: FiguresDto })
  totals: FiguresDto;

  @ApiProperty({ type: [DistrictFundYearDto] })
  funds: DistrictFundYearDto[];

  @ApiProperty({ type: [AreaFiguresDto] })
  byArea: AreaFiguresDto[];

  @ApiProperty({ type: [ActionFieldFiguresDto] })
  byActionField: ActionFieldFiguresDto[];
}

/** One period of the base-rate table: the rate applies from `validFrom` until the next period begins. */
export class BaseRateDto {
  @ApiProperty({ format: 'date', example: '2027-01-01' })
  validFrom: string;

  @ApiProperty({ description: 'Basis points: 362 = 3,62 %', example: 362 })
  rateBasisPoints: number;
}

export class BaseRateListDto {
  @ApiProperty({ type: [BaseRateDto] })
  items: BaseRateDto[];
}

/** A project of the same carrier whose period overlaps the application's (double funding). */
export class DoubleFundingMatchDto {
  @ApiProperty({
    format: 'uuid',
    description:
      "The tracked project's id, or the imported project's when `imported` (docs/api/past-projects.md)",
  })
  trackedProjectId: string;

  @ApiProperty({ description: 'Imported from a file of earlier years: no fund row, `fundId` is null' })
  imported: boolean;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty({
    description:
      'False for a project of another district: title, fund, area and amount are then withheld (null)',
  })
  sameDistrict: boolean;

  @ApiProperty({ enum: FUND_KINDS })
  fundKind: FundKind;

  @ApiProperty(nullableUuid)
  fundId: string | null;

  @ApiProperty(nullableText)
  fundName: string | null;

  @ApiProperty(nullableText)
  title: string | null;

  @ApiProperty(nullableText)
  areaName: string | null;

  @ApiProperty({ format: 'date' })
  periodStart: string;

  @ApiProperty({ format: 'date' })
  periodEnd: string;

  @ApiProperty({ ...cents(), nullable: true })
  amountCents: string | null;
}

/** A double-funding warning as recorded when the application was submitted or approved. */
export class DoubleFundingWarningDto {
  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ ...nullableUuid, description: 'Null when the system acted' })
  actorId: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The application's period then" })
  periodStart: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  periodEnd: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  trackedProjectIds: string[];
}

export class DoubleFundingReportDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "The application's funding period; while it is unknown (a draft) nothing can overlap",
  })
  periodStart: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  periodEnd: string | null;

  @ApiProperty({ type: [DoubleFundingMatchDto] })
  matches: DoubleFundingMatchDto[];

  @ApiProperty({ type: [DoubleFundingWarningDto], description: 'Newest first' })
  warnings: DoubleFundingWarningDto[];
}
