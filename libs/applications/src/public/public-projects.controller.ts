import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@kiezfonds/identity';
import { CSV_CONTENT_TYPE, sendDownload } from '@kiezfonds/funds';
import { PublicProjectListDto, PublicProjectsQueryDto } from './public-projects.dto';
import { PublicProjectService } from './public-projects.service';

/** Funded projects for everyone, without login: a page's data and open data (docs/api/public-projects.md). */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicProjectsController {
  private readonly logger = new Logger(PublicProjectsController.name);

  constructor(private readonly projects: PublicProjectService) {}

  @Get('projects')
  @ApiOkResponse({ type: PublicProjectListDto })
  @ApiOperation({
    summary: 'Funded projects whose carriers consented to publication, per district or Berlin-wide',
  })
  async list(@Query() query: PublicProjectsQueryDto): Promise<PublicProjectListDto> {
    return { projects: await this.projects.list(query) };
  }

  @Get('projects.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same list as CSV (open data, German number and date formats)' })
  async csv(@Query() query: PublicProjectsQueryDto, @Res() response: Response): Promise<void> {
    // Checked before the download starts, so an unknown district still answers as a JSON 404.
    const projects = await this.projects.list(query);
    const name = `gefoerderte-projekte-${query.district ?? 'berlin'}${query.programmeYear ? `-${query.programmeYear}` : ''}.csv`;
    await sendDownload(response, { name, contentType: CSV_CONTENT_TYPE }, this.logger, async (out) =>
      this.projects.writeCsv(out, projects),
    );
  }
}
