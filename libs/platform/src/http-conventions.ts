import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';

/** The header the access guard checks on cookie-authenticated writes, for the OpenAPI document. */
export const CSRF_HEADER_DOC = {
  name: 'X-CSRF-Token',
  description:
    'Required on every write authenticated by the session cookie: the `csrfToken` from the login answer or GET /api/me.',
  required: false,
};

/** Every write that moves money honours this header like the lifecycle commands (TRUST.md). */
export const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  description:
    'The same key with the same body answers the first answer without a second effect; with another body 422 idempotency_key_reused. A key is honoured for 24 hours after its first answer; after that it is a new request.',
  required: false,
};

/**
 * A body field that may be left out. class-validator's IsOptional skips every rule for `null` as
 * well, and a service that reads `=== undefined` as "left out" then meets a null it cannot use
 * (`Money.fromCents(null)`: a 500). Here only an absent field is skipped; `null` in a field the
 * contract does not declare nullable is checked by the field's rules and answered with a 400 that
 * names it. (Query strings are never null: query DTOs keep IsOptional.)
 */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `?page=&pageSize=` of every list (ARCHITECTURE.md, "HTTP API conventions"). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export interface Page {
  page: number;
  pageSize: number;
  limit: number;
  offset: number;
}

export function pageOf(query: PageQueryDto): Page {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/** `:id` of a route that names one thing. */
export class IdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
