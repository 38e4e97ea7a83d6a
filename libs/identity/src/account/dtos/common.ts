import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** The header the access guard checks on cookie-authenticated writes, for the OpenAPI document. */
export const CSRF_HEADER_DOC = {
  name: 'X-CSRF-Token',
  description:
    'Required on every write authenticated by the session cookie: the `csrfToken` from the login answer or GET /api/me.',
  required: false,
};

export const MAX_PAGE_SIZE = 100;

/** `?page=&pageSize=` of every list (ARCHITECTURE.md, "HTTP API conventions"). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export function pageOf(query: PageQueryDto): { limit: number; offset: number } {
  const pageSize = query.pageSize ?? 20;
  return { limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize };
}

export class IdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** A search text as a LIKE pattern that matches it anywhere, with its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
