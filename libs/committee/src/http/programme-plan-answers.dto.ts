import { ApiProperty } from '@nestjs/swagger';
import { FILL_RULES, type FillRule } from '@kiezfonds/domain';

/*
 * What the programme plan routes answer (every write answers the whole plan again), for the
 * OpenAPI document and so the web's generated types. Amounts are integer cents as a string of
 * digits: JSON has no bigint.
 */

const cents = { type: String, pattern: '^-?\\d+$', example: '1250000' } as const;
const nullableCents = { ...cents, nullable: true } as const;
const PLAN_STATUSES = ['selected', 'waitlisted', 'not_adopted'] as const;
type PlanStatus = (typeof PLAN_STATUSES)[number];

export class PlanDecisionDto {
  @ApiProperty()
  outcome: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty()
  procedure: string;
}

export class PlanItemViewDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty()
  reference: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  carrier: string;

  @ApiProperty()
  state: string;

  @ApiProperty({
    type: PlanDecisionDto,
    nullable: true,
    description: "The committee's decision: the outcome of the application's last closed vote",
  })
  decision: PlanDecisionDto | null;

  @ApiProperty()
  reviews: number;

  @ApiProperty({ type: Number, nullable: true })
  rank: number | null;

  @ApiProperty({ enum: PLAN_STATUSES })
  status: PlanStatus;

  @ApiProperty({ type: Number, nullable: true })
  score: number | null;

  @ApiProperty({ type: Number, nullable: true })
  manualRank: number | null;

  @ApiProperty(cents)
  requestedCents: string;

  @ApiProperty(cents)
  amountCents: string;

  @ApiProperty({ type: String, nullable: true })
  amountReason: string | null;

  @ApiProperty(cents)
  runningTotalCents: string;

  @ApiProperty(cents)
  remainingCents: string;

  @ApiProperty(nullableCents)
  shortByCents: string | null;
}

export class ScenarioAmountViewDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty(cents)
  amountCents: string;

  @ApiProperty()
  reason: string;
}

export class ScenarioViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  label: string;

  @ApiProperty(nullableCents)
  budgetCents: string | null;

  @ApiProperty({ enum: FILL_RULES, nullable: true })
  fillRule: FillRule | null;

  @ApiProperty({ type: [ScenarioAmountViewDto] })
  amounts: ScenarioAmountViewDto[];

  @ApiProperty({ type: [String], nullable: true })
  order: string[] | null;
}

export class PlanTotalsDto {
  @ApiProperty(cents)
  selectedCents: string;

  @ApiProperty(cents)
  waitlistedCents: string;

  @ApiProperty(cents)
  remainingCents: string;

  @ApiProperty()
  selected: number;

  @ApiProperty()
  waitlisted: number;

  @ApiProperty()
  notAdopted: number;
}

export class ScenarioTotalsDto {
  @ApiProperty(cents)
  budget: string;

  @ApiProperty({ enum: FILL_RULES })
  fillRule: FillRule;

  @ApiProperty(cents)
  selectedTotal: string;

  @ApiProperty(cents)
  waitlistedTotal: string;

  @ApiProperty(cents)
  remaining: string;

  @ApiProperty()
  selectedCount: number;

  @ApiProperty()
  waitlistedCount: number;
}

export class ComparedScenarioTotalsDto extends ScenarioTotalsDto {
  @ApiProperty()
  key: string;

  @ApiProperty()
  label: string;
}

export class ScenarioCellDto {
  @ApiProperty({ type: Number, nullable: true })
  rank: number | null;

  @ApiProperty({ enum: PLAN_STATUSES })
  status: PlanStatus;

  @ApiProperty(cents)
  amount: string;

  @ApiProperty({ description: 'Rank, status or amount differ from the base plan' })
  changed: boolean;
}

export class ComparisonRowDto {
  @ApiProperty({ format: 'uuid' })
  applicationId: string;

  @ApiProperty({ type: ScenarioCellDto })
  base: ScenarioCellDto;

  @ApiProperty({ type: [ScenarioCellDto] })
  scenarios: ScenarioCellDto[];
}

export class ScenarioComparisonDto {
  @ApiProperty({ type: ScenarioTotalsDto })
  base: ScenarioTotalsDto;

  @ApiProperty({ type: [ComparedScenarioTotalsDto] })
  scenarios: ComparedScenarioTotalsDto[];

  @ApiProperty({ type: [ComparisonRowDto], description: "One row per application in the base plan's order" })
  rows: ComparisonRowDto[];
}

export class ProgrammePlanViewDto {
  @ApiProperty({ format: 'uuid' })
  callId: string;

  @ApiProperty()
  callTitle: string;

  @ApiProperty()
  programmeYear: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  committeeId: string | null;

  @ApiProperty({ enum: ['draft', 'final'] })
  status: 'draft' | 'final';

  @ApiProperty()
  version: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finalisedAt: string | null;

  @ApiProperty({ ...cents, description: 'Netzwerkfonds money of the programme year not yet committed' })
  availableCents: string;

  @ApiProperty(cents)
  budgetCents: string;

  @ApiProperty({ enum: FILL_RULES })
  fillRule: FillRule;

  @ApiProperty({ type: [PlanItemViewDto] })
  items: PlanItemViewDto[];

  @ApiProperty({ type: PlanTotalsDto })
  totals: PlanTotalsDto;

  @ApiProperty({ type: [ScenarioViewDto] })
  scenarios: ScenarioViewDto[];

  @ApiProperty({
    type: ScenarioComparisonDto,
    nullable: true,
    description: 'The plan and every scenario side by side; null while there are no scenarios',
  })
  comparison: ScenarioComparisonDto | null;
}
