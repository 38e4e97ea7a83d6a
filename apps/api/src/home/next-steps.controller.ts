import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@kiezfonds/identity';
import {
  NEXT_STEP_KEYS,
  NEXT_STEP_ROLES,
  type NextStepKey,
  type NextStepRole,
  NextStepsService,
} from './next-steps.service';

class NextStepDto {
  @ApiProperty({
    enum: NEXT_STEP_KEYS,
    description: 'What waits, e.g. applications waiting for the formal check',
  })
  key!: NextStepKey;

  @ApiProperty({ enum: NEXT_STEP_ROLES, description: 'The role the step belongs to' })
  role!: NextStepRole;

  @ApiProperty({ description: 'How many items wait (always at least 1: empty steps are left out)' })
  count!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The nearest deadline or date among the items: a calendar day (`YYYY-MM-DD`) for report ' +
      'deadlines and the due days of claims, an instant (ISO 8601, `date-time`) for the other deadlines',
    example: '2027-03-31',
  })
  due!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The item to open when the step names one: the application, session, call (plansInProgress) or fund',
  })
  targetId!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The programme year (budgetsToEnter)' })
  year!: number | null;
}

class NextStepsDto {
  @ApiProperty({ type: [NextStepDto] })
  items!: NextStepDto[];
}

/** The home page's "what to do next": counted work of each of the caller's roles. */
@ApiTags('home')
@ApiCookieAuth()
@Controller('home')
export class NextStepsController {
  constructor(private readonly steps: NextStepsService) {}

  @Get('next-steps')
  @Authenticated()
  @ApiOkResponse({ type: NextStepsDto })
  @ApiOperation({
    summary: 'What waits for the caller, counted per role and linked to the page it happens on',
  })
  async nextSteps(@CurrentPrincipal() principal: Principal): Promise<NextStepsDto> {
    return { items: await this.steps.of(principal) };
  }
}
