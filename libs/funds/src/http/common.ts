import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { MAX_PROGRAMME_YEAR, MIN_PROGRAMME_YEAR } from '@kiezfonds/domain';
import { IdParamDto } from '@kiezfonds/platform';

export class FundYearParamDto extends IdParamDto {
  @ApiProperty({ minimum: MIN_PROGRAMME_YEAR, maximum: MAX_PROGRAMME_YEAR, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_PROGRAMME_YEAR)
  @Max(MAX_PROGRAMME_YEAR)
  year: number;
}

export class EntryIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  entryId: string;
}

/** A programme year (Programmjahr) in a query; the current year in Berlin when left out. */
export class ProgrammeYearQueryDto {
  @ApiPropertyOptional({
    minimum: MIN_PROGRAMME_YEAR,
    maximum: MAX_PROGRAMME_YEAR,
    description: 'Programme year (Programmjahr); the current year in Berlin when left out.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_PROGRAMME_YEAR)
  @Max(MAX_PROGRAMME_YEAR)
  programmeYear?: number;
}

const BERLIN_YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', year: 'numeric' });

/** The calendar year in Berlin now: the default programme year of the overviews. */
export function currentBerlinYear(now: Date = new Date()): number {
  return Number(BERLIN_YEAR.format(now));
}

const MAX_CENTS = 2n ** 63n - 1n;

/**
 * Whether a JSON value is a positive whole number of cents: a safe integer, or a string of digits
 * (for amounts beyond 2^53, which JSON numbers cannot carry exactly). A float such as `12.5` or a
 * German amount such as `"12,50"` is refused: the API never guesses at money.
 */
export function isPositiveCents(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0;
  if (typeof value !== 'string' || !/^[0-9]{1,19}$/.test(value)) return false;
  const cents = BigInt(value);
  return cents > 0n && cents <= MAX_CENTS;
}

/** Trims a string before validation, so "  " fails `MinLength(1)` and stored text has no stray spaces. */
export function Trim() {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}

/** A positive amount in integer cents, as a JSON integer or a string of digits (rule `cents`). */
export function IsCents(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'cents',
      target: target.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => isPositiveCents(value) },
    });
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the value is a real calendar date `YYYY-MM-DD` (no 30 February, no time of day). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date `YYYY-MM-DD`; refused with the rule `isDateString`. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateString',
      target: target.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

// Minutes and seconds below 60, hours below 24, an offset like +01:00; the day is checked apart.
// A fraction of a second has one to nine digits (nanoseconds, the finest Java and Go write;
// PostgreSQL and Python write six).
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Whether the value is a point in time `YYYY-MM-DDTHH:MM[:SS[.f…]]` (one to nine fraction digits)
 * with `Z` or an offset (`+01:00`). class-validator's ISO 8601 check also passes week dates
 * (`2027-W05-3`), ordinal dates (`2027-060`) and the basic form (`20270301`), which `new Date()`
 * cannot read, and JavaScript rolls 30 February over into March; PostgreSQL has no year 0.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match || !isCalendarDate(match[1])) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).getUTCFullYear() >= 1;
}

const SUB_MILLISECOND = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\d{1,6}(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant cut to the millisecond, its zone kept as written: `…23:59:59.9999995Z` becomes
 * `…23:59:59.999Z`. An instant is kept to the millisecond, as a JavaScript `Date` holds it (the
 * timestamptz columns could hold microseconds, but every value reaches them through a `Date`).
 * Cutting, not rounding: rounded, a deadline of 23:59:59.9999995 would fall on the next day, and
 * PostgreSQL rounds a text to microseconds while V8 cuts, so without this the audit trail (which
 * keeps the text) and the record could disagree about the second. Anything else is left as is
 * for `isInstant` to judge.
 */
export function toMillisecondInstant(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(SUB_MILLISECOND, '$1$2') : value;
}

/**
 * A point in time with date, time and zone (see `isInstant`), kept to the millisecond (see
 * `toMillisecondInstant`); refused with the rule `instant`.
 */
export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    Transform(({ value }: { value: unknown }) => toMillisecondInstant(value))(target, propertyName);
    registerDecorator({
      name: 'instant',
      target: target.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => isInstant(value) },
    });
  };
}

/** The end of a period on or after its start (rule `notBeforeStart`); `startField` names the start. */
export function NotBefore(startField: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notBeforeStart',
      target: target.constructor,
      propertyName,
      constraints: [startField],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const start = (args.object as Record<string, unknown>)[startField];
          // Malformed dates are reported by their own rule.
          if (!isCalendarDate(value) || !isCalendarDate(start)) return true;
          return value >= start;
        },
      },
    });
}
