import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate, IsCents, NotBefore } from '../common';

export class SetBaseRateDto {
  @ApiProperty({
    format: 'date',
    example: '2025-07-01',
    description: 'First day the rate applies (the Bundesbank publishes it for 1 January and 1 July).',
  })
  @IsCalendarDate()
  validFrom: string;

  @ApiProperty({
    minimum: -10_000,
    maximum: 10_000,
    example: 127,
    description: 'Base rate in basis points (1,27 % = 127); it may be negative.',
  })
  @IsInt()
  @Min(-10_000)
  @Max(10_000)
  rateBasisPoints: number;
}

export class RepaymentInterestDto {
  @ApiProperty({
    description: 'The amount to be repaid, in integer euro cents (JSON integer or string of digits).',
    oneOf: [
      { type: 'string', pattern: '^[0-9]+$', example: '1000000' },
      { type: 'integer', minimum: 1, example: 1000000 },
    ],
  })
  @IsCents()
  principalCents: string | number;

  @ApiProperty({
    format: 'date',
    example: '2024-03-15',
    description: 'Day of payment: the first interest day.',
  })
  @IsCalendarDate()
  paidOn: string;

  @ApiProperty({
    format: 'date',
    example: '2024-09-15',
    description: 'Day of repayment: no longer an interest day; not before `paidOn`.',
  })
  @IsCalendarDate()
  @NotBefore('paidOn')
  repaidOn: string;
}
