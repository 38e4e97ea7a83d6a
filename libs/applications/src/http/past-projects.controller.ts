import { CSRF_HEADER_DOC, IdParamDto } from '@kiezfonds/platform';
import { Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { ValidationError } from '@kiezfonds/domain';

import {
  AcceptsUpload,
  BoundedMemoryStorage,
  CurrentPrincipal,
  type MemoryFile,
  type Principal,
  Roles,
} from '@kiezfonds/identity';
import {
  MAX_PAST_PROJECT_FILE_BYTES,
  PastProjectImportService,
} from '../past-projects/past-project-import.service';
import { PastProjectImportAnswerDto } from './dtos/answers.dto';
import { requestIdOf, sendFile } from './http-helpers';

const UPLOAD = {
  storage: new BoundedMemoryStorage(MAX_PAST_PROJECT_FILE_BYTES + 1),
  limits: { fileSize: MAX_PAST_PROJECT_FILE_BYTES + 1, files: 1, fields: 5, parts: 6, fieldSize: 100 },
  defParamCharset: 'utf8',
};

export class PastProjectImportQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'Check only; nothing is saved.',
  })
  @IsOptional()
  @Matches(/^(true|false)$/)
  dryRun?: string;
}

/** Projects of earlier years imported from a file (issue 21, docs/api/past-projects.md). */
@ApiTags('past-projects')
@ApiCookieAuth()
@Controller('districts')
export class PastProjectsController {
  constructor(private readonly imports: PastProjectImportService) {}

  @Get(':id/past-projects/template.csv')
  @Roles('coordinator', 'finance', 'admin')
  @ApiOperation({
    summary: 'The empty table to fill in: the header row of the import as CSV (UTF-8 with BOM)',
  })
  template(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto, @Res() response: Response) {
    sendFile(response, this.imports.template(principal, params.id));
  }

  @Post(':id/past-projects')
  @Roles('coordinator', 'finance', 'admin')
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
  @UseInterceptors(FileInterceptor('file', UPLOAD))
  @ApiOperation({
    summary: 'Import projects of earlier years (CSV or XLSX) of all four funds: all rows or none',
    description:
      'Header `Fonds;Jahr;Träger;Titel;Betrag;Beginn;Ende;Gebiet;Vorgänger`. `dryRun=true` only checks. ' +
      'A problem answers 400 `past_project_file_invalid` with `details[]` naming `row` and `column`. ' +
      'The same file is imported only once (`alreadyImported`).',
  })
  @ApiCreatedResponse({ type: PastProjectImportAnswerDto })
  import(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: PastProjectImportQueryDto,
    @UploadedFile() file: MemoryFile | undefined,
    @Req() request: Request,
  ) {
    if (!file) throw new ValidationError([{ field: 'file', rule: 'required' }]);
    if (file.size > MAX_PAST_PROJECT_FILE_BYTES) {
      throw new ValidationError([
        {
          field: 'file',
          rule: 'fileTooLarge',
          params: { maxMegabytes: MAX_PAST_PROJECT_FILE_BYTES / 1024 / 1024 },
        },
      ]);
    }
    return this.imports.import(principal, {
      districtId: params.id,
      fileName: file.originalname.slice(0, 300) || 'projekte.csv',
      bytes: file.buffer,
      dryRun: query.dryRun === 'true',
      requestId: requestIdOf(request),
    });
  }
}
