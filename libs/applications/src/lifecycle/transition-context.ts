import type { ApplicationState } from '@kiezfonds/domain';
import type { Principal } from '@kiezfonds/identity';
import type { EntityManager } from 'typeorm';
import type { ApplicationRecord } from '../applications/application-record';
import type { ApplicationEventDto } from '../http/dtos/event.dto';

/** What every effect of a transition gets: the open transaction, who acts, the application before the step, the command. */
export interface TransitionContext {
  tx: EntityManager;
  principal: Principal;
  record: ApplicationRecord;
  event: ApplicationEventDto;
  to: ApplicationState;
  now: Date;
  requestId: string | null;
  /** What the step rests on, kept in its audit event: the committee's decision, the plan that sent it. */
  citation: { decisionId?: string; planId?: string };
  /**
   * The step's commitments move the fund year's shared counters at the commit (ADR 0025): only
   * when the caller runs the step again, without, should the COMMIT be refused (`LifecycleService.send`).
   */
  countersAtCommit: boolean;
}
