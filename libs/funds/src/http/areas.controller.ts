import { CSRF_HEADER_DOC, IdParamDto, PageQueryDto, pageOf } from '@kiezfonds/platform';
import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Put,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { Request } from 'express';
import { AREA_KINDS } from '@kiezfonds/persistence';
import { ValidationError } from '@kiezfonds/domain';
import {
  AcceptsUpload,
  BoundedMemoryStorage,
  CurrentPrincipal,
  type MemoryFile,
  type Principal,
  Roles,
} from '@kiezfonds/identity';
import { AreaFiguresService } from '../areas/area-figures.service';
import { FUNDS_ERROR_CODES } from '../funds.exception';

import { requestIdOf } from './download';
import {
  AreaDetailDto,
  AreaListDto,
  AreaShapesImportAnswerDto,
  IndicatorImportAnswerDto,
  LorImportAnswerDto,
} from './dtos/areas.dto';

/** An indicator table is small: Berlin has about 540 Planungsräume. */
export const MAX_INDICATOR_FILE_BYTES = 1024 * 1024;

const CSV_UPLOAD = {
  storage: new BoundedMemoryStorage(MAX_INDICATOR_FILE_BYTES + 1),
  limits: { fileSize: MAX_INDICATOR_FILE_BYTES + 1, files: 1, fields: 5, parts: 6, fieldSize: 100 },
  defParamCharset: 'utf8',
};

type UploadedCsv = MemoryFile;

function checkedFile(file: UploadedCsv | undefined): UploadedCsv {
  if (!file) throw new ValidationError([{ field: 'file', rule: 'required' }]);
  if (file.size > MAX_INDICATOR_FILE_BYTES) {
    throw new ValidationError([{ field: 'file', rule: 'fileTooLarge', params: { maxMegabytes: 1 } }]);
  }
  return file;
}

/** The file as text: UTF-8 (a BOM is dropped by the readers); anything else is refused, not guessed. */
function csvText(file: UploadedCsv): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
  } catch {
    throw new ValidationError(
      [{ field: 'file', rule: 'csvEncoding' }],
      FUNDS_ERROR_CODES.indicatorFileInvalid,
    );
  }
}

/** Outlines of a district's Planungsräume as GeoJSON; simplified shapes stay well below this. */
export const MAX_SHAPES_FILE_BYTES = 4 * 1024 * 1024;

const GEOJSON_UPLOAD = {
  storage: new BoundedMemoryStorage(MAX_SHAPES_FILE_BYTES + 1),
  limits: { fileSize: MAX_SHAPES_FILE_BYTES + 1, files: 1, fields: 5, parts: 6, fieldSize: 100 },
  defParamCharset: 'utf8',
};

/** The uploaded GeoJSON, parsed; not UTF-8 or not JSON is refused on `file`. */
function geoJsonOf(file: UploadedCsv | undefined): unknown {
  if (!file) throw new ValidationError([{ field: 'file', rule: 'required' }]);
  if (file.size > MAX_SHAPES_FILE_BYTES) {
    throw new ValidationError([
      { field: 'file', rule: 'fileTooLarge', params: { maxMegabytes: MAX_SHAPES_FILE_BYTES / 1024 / 1024 } },
    ]);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch {
    throw new ValidationError(
      [{ field: 'file', rule: 'geojsonNotFeatureCollection' }],
      FUNDS_ERROR_CODES.areaShapesFileInvalid,
    );
  }
}

export class AreaListQueryDto extends PageQueryDto {
  // Berlin has about 540 Planungsräume; a page number beyond any list is refused, not computed.
  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  declare page?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this district (one of the caller’s).' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @ApiPropertyOptional({ enum: AREA_KINDS })
  @IsOptional()
  @IsIn(AREA_KINDS)
  kind?: string;

  @ApiPropertyOptional({
    description: '`name`, or an indicator key such as `statusindex` (its latest year per area counts).',
    maxLength: 300,
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class AreaCoversDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: 500,
    description: 'The Planungsräume covered; the whole set.',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  planungsraumIds: string[];
}

export class IndicatorImportDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Check only; nothing is saved.' })
  @IsOptional()
  @Matches(/^(true|false)$/)
  dryRun?: string;

  @ApiProperty({ type: 'string', format: 'binary', description: 'The CSV file (`;`, UTF-8).' })
  file?: unknown;
}

/** Areas with their indicators and money (issue 21, docs/api/areas.md). */
@ApiTags('areas')
@ApiCookieAuth()
@Controller()
export class AreasController {
  constructor(private readonly areas: AreaFiguresService) {}

  @Get('areas')
  @Roles('coordinator', 'finance', 'board_member', 'admin', 'senate')
  @ApiOperation({
    summary: "The caller's areas with their latest indicators and the money that reaches them",
    description:
      'Berlin-wide for the Senate, district-wide for district staff. `sort` is `name` or an indicator key.',
  })
  @ApiOkResponse({ type: AreaListDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: AreaListQueryDto) {
    const page = pageOf(query);
    const result = await this.areas.list(principal, { ...query, limit: page.limit, offset: page.offset });
    return { ...result, page: page.page, pageSize: page.pageSize };
  }

  @Get('areas/:id')
  @Roles('coordinator', 'finance', 'board_member', 'admin', 'senate')
  @ApiOperation({
    summary:
      'One area: its place in the grid, covered Planungsräume, indicators by year, money by fund kind and action field',
  })
  @ApiOkResponse({ type: AreaDetailDto })
  detail(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.areas.detail(principal, params.id);
  }

  @Put('areas/:id/covers')
  @Roles('coordinator', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: 'Set which Planungsräume a QM area or Aktionsraum covers (the whole set)',
    description:
      'A Planungsraum of another district: 400 `notInDistrict` at its position; another kind of area: 422 `area_cannot_cover`.',
  })
  @ApiOkResponse({ type: AreaDetailDto })
  setCovers(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: AreaCoversDto,
    @Req() request: Request,
  ) {
    return this.areas.setCovers(principal, params.id, body.planungsraumIds, requestIdOf(request));
  }

  @Post('districts/:id/area-indicators')
  @Roles('coordinator', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiConsumes('multipart/form-data')
  @AcceptsUpload()
  @UseInterceptors(FileInterceptor('file', CSV_UPLOAD))
  @ApiOperation({
    summary: 'Import an indicator table (CSV) for the district: all rows or none; `dryRun=true` only checks',
    description: 'A problem answers 400 `indicator_file_invalid` with `details[]` naming `row` and `column`.',
  })
  @ApiCreatedResponse({ type: IndicatorImportAnswerDto })
  import(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: IndicatorImportDto,
    @UploadedFile() file: UploadedCsv | undefined,
    @Req() request: Request,
  ) {
    file = checkedFile(file);
    return this.areas.importIndicators(principal, {
      districtId: params.id,
      fileName: file.originalname.slice(0, 300) || 'indikatoren.csv',
      text: csvText(file),
      dryRun: body.dryRun === 'true',
      requestId: requestIdOf(request),
    });
  }

  @Post('districts/:id/area-shapes')
  @Roles('coordinator', 'admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiConsumes('multipart/form-data')
  @AcceptsUpload()
  @UseInterceptors(FileInterceptor('file', GEOJSON_UPLOAD))
  @ApiOperation({
    summary:
      "Import the outlines of the district's areas (GeoJSON FeatureCollection, PLR_ID per feature) for the map",
    description:
      'All features or none; `dryRun=true` only checks. A problem answers 400 `area_shapes_file_invalid` with ' +
      '`details[]` naming the feature (`row`, 1 = first) and the member (`column`).',
  })
  @ApiCreatedResponse({ type: AreaShapesImportAnswerDto })
  importShapes(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: IndicatorImportDto,
    @UploadedFile() file: UploadedCsv | undefined,
    @Req() request: Request,
  ) {
    const json = geoJsonOf(file);
    return this.areas.importShapes(principal, {
      districtId: params.id,
      fileName: file!.originalname.slice(0, 300) || 'gebiete.geojson',
      json,
      dryRun: body.dryRun === 'true',
      requestId: requestIdOf(request),
    });
  }

  @Post('districts/:id/lor-areas')
  @Roles('admin')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  @AcceptsUpload()
  @UseInterceptors(FileInterceptor('file', CSV_UPLOAD))
  @ApiOperation({
    summary:
      "Import the district's part of Berlin's LOR table (PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ)",
    description:
      'Rows of other districts are skipped. A problem answers 400 with `details[]` naming `row` and `column`.',
  })
  @ApiCreatedResponse({ type: LorImportAnswerDto })
  importLor(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @UploadedFile() file: UploadedCsv | undefined,
    @Req() request: Request,
  ) {
    return this.areas.importLor(principal, {
      districtId: params.id,
      fileName: checkedFile(file).originalname.slice(0, 300) || 'lor.csv',
      text: csvText(checkedFile(file)),
      requestId: requestIdOf(request),
    });
  }
}
