import { CSRF_HEADER_DOC, IdParamDto, pageOf } from '@kiezfonds/platform';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { AcceptsUpload, Authenticated, CurrentPrincipal, type Principal, Roles } from '@kiezfonds/identity';
import { CallService } from '../calls/call.service';
import { checkUpload } from '../files/file-check';
import type { StagedFile } from '../files/staged-upload-storage';
import { CallDocumentDto, CallFieldsDto, CreateCallDto, ListCallsQueryDto } from './dtos/call.dto';
import { CallDto, CallPageDto } from './dtos/call-answers.dto';
import { FileParamDto } from './dtos/application.dto';
import { requestIdOf, sendFile, UPLOAD_LIMITS } from './http-helpers';

/** Calls (Aufrufe), docs/api/applications.md. */
@ApiTags('calls')
@ApiCookieAuth()
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Open and closed calls of every district; drafts of the own district for staff' })
  @ApiOkResponse({ type: CallPageDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListCallsQueryDto,
  ): Promise<CallPageDto> {
    const page = pageOf(query);
    const result = await this.calls.list(principal, query, page);
    return { ...result, page: page.page, pageSize: page.pageSize };
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One call with its areas, action fields, required attachments and documents' })
  @ApiOkResponse({ type: CallDto })
  get(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto): Promise<CallDto> {
    return this.calls.get(principal, params.id);
  }

  @Post()
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: "Create a draft call in one of the coordinator's districts" })
  @ApiCreatedResponse({ type: CallDto })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateCallDto,
    @Req() request: Request,
  ): Promise<CallDto> {
    return this.calls.create(principal, body, requestIdOf(request));
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Change a draft or open call (a closed call stays as it was)' })
  @ApiOkResponse({ type: CallDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: CallFieldsDto,
    @Req() request: Request,
  ): Promise<CallDto> {
    return this.calls.update(principal, params.id, body, requestIdOf(request));
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Open a draft call for applications (its deadline must lie ahead)' })
  @ApiOkResponse({ type: CallDto })
  open(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Req() request: Request,
  ): Promise<CallDto> {
    return this.calls.changeStatus(principal, params.id, 'open', requestIdOf(request));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Close an open call' })
  @ApiOkResponse({ type: CallDto })
  close(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Req() request: Request,
  ): Promise<CallDto> {
    return this.calls.changeStatus(principal, params.id, 'closed', requestIdOf(request));
  }

  @Post(':id/documents')
  @Roles('coordinator')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiConsumes('multipart/form-data')
  @AcceptsUpload()
  @UseInterceptors(FileInterceptor('file', UPLOAD_LIMITS))
  @ApiOperation({ summary: 'Add a downloadable document (form, guideline) to the call' })
  @ApiCreatedResponse({ type: CallDto })
  addDocument(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: CallDocumentDto,
    @UploadedFile() file: StagedFile | undefined,
    @Req() request: Request,
  ): Promise<CallDto> {
    return this.calls.addDocument(
      principal,
      params.id,
      body.title,
      checkUpload('file', file),
      requestIdOf(request),
    );
  }

  @Get(':id/documents/:fileId')
  @Authenticated()
  @ApiOperation({ summary: "Download one of the call's documents" })
  async document(
    @CurrentPrincipal() principal: Principal,
    @Param() params: FileParamDto,
    @Res() response: Response,
  ) {
    sendFile(response, await this.calls.document(principal, params.id, params.fileId));
  }
}
