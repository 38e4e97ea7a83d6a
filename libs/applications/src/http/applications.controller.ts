import { CSRF_HEADER_DOC, IdParamDto, pageOf } from '@kiezfonds/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
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

import { pickLocale } from '@kiezfonds/domain';
import {
  AcceptsUpload,
  Authenticated,
  BoundedMemoryStorage,
  CurrentPrincipal,
  type MemoryFile,
  type Principal,
  Roles,
} from '@kiezfonds/identity';
import { AttachmentService } from '../applications/attachment.service';
import { ApplicationService } from '../applications/application.service';
import { MAX_PLAN_FILE_BYTES, PlanSheetService } from '../applications/plan-sheet.service';
import { checkUpload } from '../files/file-check';
import type { StagedFile } from '../files/staged-upload-storage';
import { GrantNoticeService } from '../grant-notice/grant-notice.service';
import { LifecycleService } from '../lifecycle/lifecycle.service';
import {
  AttachmentKindDto,
  CreateApplicationDto,
  DiffQueryDto,
  FileParamDto,
  ListApplicationsQueryDto,
  PlanImportDto,
  SaveContentDto,
  VersionParamDto,
} from './dtos/application.dto';
import { PredecessorOptionListDto } from './dtos/answers.dto';
import {
  ApplicationCreatedDto,
  ApplicationDetailDto,
  ApplicationPageDto,
  AttachmentDto,
  AttachmentListDto,
  ChangeRequestListDto,
  DiffDto,
  HistoryDto,
  PlanImportedDto,
  SavedDto,
  TransitionDto,
  VersionDto,
  VersionListDto,
} from './dtos/application-answers.dto';
import { ApplicationEventDto } from './dtos/event.dto';
import { requestIdOf, sendFile, UPLOAD_LIMITS } from './http-helpers';

/** Applications (Anträge) and their lifecycle, docs/api/applications.md. */
@ApiTags('applications')
@ApiCookieAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly lifecycle: LifecycleService,
    private readonly attachments: AttachmentService,
    private readonly grantNotices: GrantNoticeService,
    private readonly planSheets: PlanSheetService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: "The caller's applications: the own organisations', or the district's once submitted",
  })
  @ApiOkResponse({ type: ApplicationPageDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListApplicationsQueryDto,
  ): Promise<ApplicationPageDto> {
    const page = pageOf(query);
    const result = await this.applications.list(principal, query, page);
    return { ...result, page: query.cursor === undefined ? page.page : null, pageSize: page.pageSize };
  }

  @Post()
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Start a draft application in an open call for one of the own organisations' })
  @ApiCreatedResponse({ type: ApplicationCreatedDto })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApplicationDto,
    @Req() request: Request,
  ): Promise<ApplicationCreatedDto> {
    return this.applications.create(principal, body, requestIdOf(request));
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'One application with its content, what is missing and the events the caller may send',
  })
  @ApiOkResponse({ type: ApplicationDetailDto })
  detail(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
  ): Promise<ApplicationDetailDto> {
    return this.applications.detail(principal, params.id);
  }

  @Put(':id/content')
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Save the content (autosave); answers the new version and what is still missing' })
  @ApiOkResponse({ type: SavedDto })
  save(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: SaveContentDto,
  ): Promise<SavedDto> {
    return this.applications.saveContent(principal, params.id, body);
  }

  @Get(':id/predecessor-options')
  @Authenticated()
  @ApiOperation({
    summary:
      'The projects the application may continue (5-year chain): funded applications and imported ones',
    description:
      "The carrier's funded applications and the projects of earlier years imported in the call's district " +
      '(`kind: "imported"`), newest first; the one already chosen is always listed.',
  })
  @ApiOkResponse({ type: PredecessorOptionListDto })
  predecessorOptions(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto) {
    return this.applications.predecessorOptions(principal, params.id);
  }

  @Get(':id/plan-template.xlsx')
  @Authenticated()
  @ApiOperation({
    summary: 'The cost and financing plan as an Excel template, filled with the current plans',
    description:
      'Sheets "Kostenplan", "Finanzierungsplan" and "Hinweise"; re-imported unchanged it changes nothing.',
  })
  async planTemplate(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Res() response: Response,
  ) {
    sendFile(response, await this.planSheets.template(principal, params.id));
  }

  @Post(':id/plan-import')
  @HttpCode(200)
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiConsumes('multipart/form-data')
  @AcceptsUpload()
  // The one upload kept in memory rather than staged in PostgreSQL (ADR 0010): see
  // BoundedMemoryStorage. 1 MB is a hundred times a full plan.
  @UseInterceptors(
    FileInterceptor('file', {
      ...UPLOAD_LIMITS,
      storage: new BoundedMemoryStorage(MAX_PLAN_FILE_BYTES + 1),
      limits: { ...UPLOAD_LIMITS.limits, fileSize: MAX_PLAN_FILE_BYTES + 1 },
    }),
  )
  @ApiOperation({
    summary: 'Replace the cost and financing plan from a spreadsheet (XLSX, or CSV separated by semicolons)',
    description:
      'Every problem is answered at once as 400 details named `costPlan.row.<row>.<column>` (the row as the ' +
      'spreadsheet numbers it); nothing is saved unless the whole file is valid. A plan the file lacks stays.',
  })
  @ApiOkResponse({ type: PlanImportedDto })
  importPlan(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: PlanImportDto,
    @UploadedFile() file: MemoryFile | undefined,
  ): Promise<PlanImportedDto> {
    return this.planSheets.import(principal, params.id, body.version, file);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Authenticated()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'The same key again answers the first answer without a second transition, for 24 hours after the first answer; after that it is a new request.',
  })
  @ApiOperation({
    summary: 'A lifecycle command (SUBMIT, REQUEST_CHANGES, APPROVE, …)',
    description: 'Answers the new state and the events now allowed; 409 with `allowed` for a wrong event.',
  })
  // No declared return type: the lifecycle service types allowedEvents as string[] (they come
  // from the machine, whose event types are APPLICATION_EVENT_TYPES).
  @ApiOkResponse({ type: TransitionDto })
  send(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: ApplicationEventDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    return this.lifecycle.send(principal, params.id, body, idempotencyKey, requestIdOf(request));
  }

  @Get(':id/grant-notice.pdf')
  @Authenticated()
  @ApiOperation({
    summary: 'The grant notice (Zuwendungsbescheid) as PDF',
    description:
      'After approval the issued notice, for staff and the carrier; before it (state selected) a preview marked ' +
      'as a draft, for coordinators.',
  })
  async grantNotice(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() response: Response,
  ) {
    const pdf = await this.grantNotices.pdf(principal, params.id, pickLocale(acceptLanguage));
    sendFile(response, { fileName: pdf.fileName, contentType: 'application/pdf', content: pdf.content });
  }

  @Get(':id/history')
  @Authenticated()
  @ApiOperation({ summary: 'The timeline: every recorded step with actor, event, time and comment' })
  @ApiOkResponse({ type: HistoryDto })
  history(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto): Promise<HistoryDto> {
    return this.applications.history(principal, params.id);
  }

  @Get(':id/versions')
  @Authenticated()
  @ApiOperation({ summary: 'The submitted versions' })
  @ApiOkResponse({ type: VersionListDto })
  versions(@CurrentPrincipal() principal: Principal, @Param() params: IdParamDto): Promise<VersionListDto> {
    return this.applications.versions(principal, params.id);
  }

  @Get(':id/versions/:number')
  @Authenticated()
  @ApiOperation({ summary: 'One submitted version as it was sent' })
  @ApiOkResponse({ type: VersionDto })
  version(@CurrentPrincipal() principal: Principal, @Param() params: VersionParamDto): Promise<VersionDto> {
    return this.applications.version(principal, params.id, params.number);
  }

  @Get(':id/diff')
  @Authenticated()
  @ApiOperation({ summary: 'What changed between two submitted versions' })
  @ApiOkResponse({ type: DiffDto })
  diff(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Query() query: DiffQueryDto,
  ): Promise<DiffDto> {
    return this.applications.diff(principal, params.id, query.from, query.to);
  }

  @Get(':id/change-requests')
  @Authenticated()
  @ApiOperation({ summary: 'Change requests with message, reply deadline and when they were answered' })
  @ApiOkResponse({ type: ChangeRequestListDto })
  changeRequests(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
  ): Promise<ChangeRequestListDto> {
    return this.applications.changeRequests(principal, params.id);
  }

  @Get(':id/attachments')
  @Authenticated()
  @ApiOperation({ summary: 'Attachments with size, type and SHA-256' })
  @ApiOkResponse({ type: AttachmentListDto })
  listAttachments(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
  ): Promise<AttachmentListDto> {
    return this.attachments.list(principal, params.id);
  }

  @Post(':id/attachments')
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiConsumes('multipart/form-data')
  @AcceptsUpload()
  @UseInterceptors(FileInterceptor('file', UPLOAD_LIMITS))
  @ApiOperation({ summary: 'Upload an attachment (20 MB; PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS by content)' })
  @ApiCreatedResponse({ type: AttachmentDto })
  addAttachment(
    @CurrentPrincipal() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: AttachmentKindDto,
    @UploadedFile() file: StagedFile | undefined,
    @Req() request: Request,
  ): Promise<AttachmentDto> {
    return this.attachments.add(
      principal,
      params.id,
      body.kind,
      checkUpload('file', file),
      requestIdOf(request),
    );
  }

  @Get(':id/attachments/:fileId')
  @Authenticated()
  @ApiOperation({ summary: 'Download an attachment (always as a download, never inline)' })
  async attachment(
    @CurrentPrincipal() principal: Principal,
    @Param() params: FileParamDto,
    @Res() response: Response,
  ) {
    sendFile(response, await this.attachments.download(principal, params.id, params.fileId));
  }

  @Delete(':id/attachments/:fileId')
  @HttpCode(204)
  @Roles('carrier')
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Remove an attachment while the content may change' })
  async removeAttachment(
    @CurrentPrincipal() principal: Principal,
    @Param() params: FileParamDto,
    @Req() request: Request,
  ): Promise<void> {
    await this.attachments.remove(principal, params.id, params.fileId, requestIdOf(request));
  }
}
