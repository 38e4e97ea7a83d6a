import { ApiProperty } from '@nestjs/swagger';
import { AREA_KINDS } from '@kiezfonds/persistence';

/*
 * What the areas API answers (docs/api/areas.md), for the OpenAPI document and so the web's
 * generated types. Amounts are integer cents as a string of digits: JSON has no bigint.
 */

const cents = { type: String, pattern: '^-?\\d+$', example: '1250000' } as const;
const nullableText = { type: String, nullable: true } as const;
const nullableUuid = { type: String, format: 'uuid', nullable: true } as const;

export class IndicatorValueDto {
  @ApiProperty()
  indicator: string;

  @ApiProperty()
  year: number;

  @ApiProperty({ ...nullableText, description: 'Decimal with a dot; null when only a class is given' })
  value: string | null;

  @ApiProperty(nullableText)
  class: string | null;

  @ApiProperty()
  unit: string;

  @ApiProperty()
  source: string;

  @ApiProperty({ description: 'Demo figures („Beispielwerte“), never real ones' })
  sample: boolean;
}

export class AreaRowDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty({ enum: AREA_KINDS })
  kind: string;

  @ApiProperty()
  name: string;

  @ApiProperty(nullableText)
  code: string | null;

  @ApiProperty(cents)
  committedCents: string;

  @ApiProperty(cents)
  paidCents: string;

  @ApiProperty({ type: [IndicatorValueDto] })
  indicators: IndicatorValueDto[];

  @ApiProperty({
    type: 'array',
    nullable: true,
    items: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'number' } } } },
    description: 'The outline for the map, when imported: polygons of rings of [longitude, latitude]',
  })
  shape: number[][][][] | null;

  @ApiProperty({ description: 'The outline is a made-up demo shape, not the real boundary' })
  shapeSample: boolean;
}

export class AreaListDto {
  @ApiProperty({ type: [AreaRowDto] })
  items: AreaRowDto[];

  @ApiProperty()
  hasMore: boolean;

  @ApiProperty({ type: [String], description: 'The indicator keys held for the districts in view' })
  indicators: string[];

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class AreaRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: AREA_KINDS })
  kind: string;

  @ApiProperty()
  name: string;

  @ApiProperty(nullableText)
  code: string | null;
}

export class AreaMoneyLineDto {
  @ApiProperty()
  fundKind: string;

  @ApiProperty({ ...nullableUuid, required: false, description: 'Only in `byActionField`' })
  actionFieldId?: string | null;

  @ApiProperty({ ...nullableText, required: false, description: 'Only in `byActionField`' })
  actionFieldName?: string | null;

  @ApiProperty()
  projects: number;

  @ApiProperty(cents)
  committedCents: string;

  @ApiProperty(cents)
  paidCents: string;
}

export class AreaMoneyDto {
  @ApiProperty(cents)
  committedCents: string;

  @ApiProperty(cents)
  paidCents: string;

  @ApiProperty({ type: [AreaMoneyLineDto] })
  byFundKind: AreaMoneyLineDto[];

  @ApiProperty({ type: [AreaMoneyLineDto] })
  byActionField: AreaMoneyLineDto[];
}

export class AreaDetailDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty({ enum: AREA_KINDS })
  kind: string;

  @ApiProperty()
  name: string;

  @ApiProperty(nullableText)
  code: string | null;

  @ApiProperty({ type: [AreaRefDto] })
  ancestors: AreaRefDto[];

  @ApiProperty({ type: [AreaRefDto] })
  children: AreaRefDto[];

  @ApiProperty({ type: [AreaRefDto], description: 'The Planungsräume a QM area or Aktionsraum covers' })
  covers: AreaRefDto[];

  @ApiProperty({ type: [AreaRefDto] })
  coveredBy: AreaRefDto[];

  @ApiProperty({ type: [IndicatorValueDto] })
  indicators: IndicatorValueDto[];

  @ApiProperty({ type: AreaMoneyDto })
  money: AreaMoneyDto;
}

export class IndicatorImportAnswerDto {
  @ApiProperty()
  dryRun: boolean;

  @ApiProperty({ ...nullableUuid, description: 'Null in a dry run' })
  importId: string | null;

  @ApiProperty({ enum: ['monitoring', 'generic'] })
  layout: 'monitoring' | 'generic';

  @ApiProperty()
  rows: number;

  @ApiProperty()
  values: number;

  @ApiProperty()
  areas: number;

  @ApiProperty({ type: [Number] })
  years: number[];
}

export class AreaShapesImportAnswerDto {
  @ApiProperty()
  dryRun: boolean;

  @ApiProperty({ ...nullableUuid, description: 'Null in a dry run' })
  importId: string | null;

  @ApiProperty()
  areas: number;
}

export class LorImportAnswerDto {
  @ApiProperty({ format: 'uuid' })
  importId: string;

  @ApiProperty()
  areas: number;

  @ApiProperty()
  planungsraeume: number;
}
