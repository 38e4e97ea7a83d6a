import { ApiProperty } from '@nestjs/swagger';
import { FUND_KINDS } from '@kiezfonds/domain';

/*
 * What the predecessor and past-project routes answer, for the OpenAPI document (and so the web's
 * generated types). Amounts are integer cents as a string of digits: JSON has no bigint.
 */

const nullableText = { type: String, nullable: true } as const;
const isoDay = { type: String, format: 'date' } as const;

/** A project an application may continue (five-year chain): a funded application or an imported one. */
export class PredecessorOptionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['application', 'imported'] })
  kind: 'application' | 'imported';

  @ApiProperty({ ...nullableText, description: "The application's reference; null for an imported project" })
  reference: string | null;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: FUND_KINDS, nullable: true, description: 'Null for an application in the system' })
  fundKind: (typeof FUND_KINDS)[number] | null;

  @ApiProperty()
  programmeYear: number;

  @ApiProperty({ ...isoDay, nullable: true })
  periodStart: string | null;

  @ApiProperty({ ...isoDay, nullable: true })
  periodEnd: string | null;
}

export class PredecessorOptionListDto {
  @ApiProperty({ type: [PredecessorOptionDto] })
  items: PredecessorOptionDto[];
}

/** One project read from the file (docs/api/past-projects.md). */
export class PastProjectRowDto {
  @ApiProperty({ description: "The file's row the project came from (1 = header)" })
  row: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null in a dry run' })
  id: string | null;

  @ApiProperty({ enum: FUND_KINDS })
  fundKind: (typeof FUND_KINDS)[number];

  @ApiProperty()
  programmeYear: number;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, pattern: '^\\d+$', example: '1250000' })
  amountCents: string;

  @ApiProperty(isoDay)
  periodStart: string;

  @ApiProperty(isoDay)
  periodEnd: string;

  @ApiProperty({ format: 'uuid' })
  areaId: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The file row of the project this one continues',
  })
  predecessorRow: number | null;
}

export class PastProjectImportAnswerDto {
  @ApiProperty()
  dryRun: boolean;

  @ApiProperty({
    description: 'This very file was imported into the district before: nothing is imported again',
  })
  alreadyImported: boolean;

  @ApiProperty()
  fileSha256: string;

  @ApiProperty({ type: [PastProjectRowDto] })
  rows: PastProjectRowDto[];
}
