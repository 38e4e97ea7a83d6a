import { Injectable } from '@nestjs/common';
import { calendarDayOf, instalmentsOf, Money, type NoticeKind, planTotals } from '@kiezfonds/domain';
import type { KeyedNotice } from '@kiezfonds/messaging';
import {
  type Audience,
  ApplicationNotices,
  linkFor,
  noticeApplication,
} from '../notices/application-notices';
import type { TransitionContext } from './transition-context';

type Built = { audience: Audience; data: Record<string, unknown>; section?: string };

/**
 * The data each lifecycle notice's template expects (libs/messaging/src/templates/samples.ts),
 * built from the step. The key names the application, the notice and the version the step
 * creates, so the same step never mails twice and a later step with the same notice does.
 */
@Injectable()
export class LifecycleNotices {
  constructor(private readonly notices: ApplicationNotices) {}

  /**
   * The step's notices to each of their recipients, for the statement that moves the state to
   * queue them with it (LifecycleService, ADR 0017).
   */
  async addressed(ctx: TransitionContext, kinds: NoticeKind[], nextVersion: number): Promise<KeyedNotice[]> {
    const notices = kinds.flatMap((kind) => {
      const built = this.build(ctx, kind);
      return built
        ? [
            {
              audience: built.audience,
              kind,
              key: `application:${ctx.record.id}:${kind}:v${nextVersion}`,
              data: built.data,
              link: linkFor(built.audience, ctx.record, built.section),
            },
          ]
        : [];
    });
    return this.notices.addressed(ctx.tx, ctx.record, notices);
  }

  private build(ctx: TransitionContext, kind: NoticeKind): Built | null {
    const { record, event, now } = ctx;
    const application = {
      ...noticeApplication(record),
      requestedCents: Number(planTotals(record.content).requested.toString()),
    };
    const call = { title: record.callTitle, submissionDeadline: record.submissionDeadline.toISOString() };
    switch (kind) {
      case 'application_submitted':
        return {
          audience: 'carrier',
          data: {
            application: {
              ...application,
              submittedAt: now.toISOString(),
              submittedBy: { name: ctx.principal.displayName },
            },
            call,
          },
        };
      case 'application_received':
        return {
          audience: 'coordinators',
          data: { application: { ...application, submittedAt: now.toISOString() }, call },
        };
      case 'changes_requested':
        return {
          audience: 'carrier',
          data: {
            application,
            request: {
              requestedBy: { name: ctx.principal.displayName },
              replyBy: calendarDayOf(new Date(event.replyDeadline!)),
              message: event.message,
            },
          },
        };
      case 'application_resubmitted':
        return {
          audience: 'coordinators',
          data: { application, resubmittedAt: now.toISOString(), reply: event.comment ?? '' },
        };
      case 'application_rejected':
        return {
          audience: 'carrier',
          data: { application, call, rejection: { decidedOn: calendarDayOf(now), reason: event.reason } },
        };
      case 'application_selected': {
        const amount = event.amountCents ?? record.senateAmountCents ?? record.requestedCents;
        return {
          audience: 'carrier',
          data: {
            application,
            selection: {
              programmeYear: record.programmeYear,
              amountCents: Number(amount),
              reduced: Money.fromCents(amount).isLessThan(Money.fromCents(record.requestedCents)),
            },
            ...(event.fullApplicationDueBy ? { fullApplicationDueBy: event.fullApplicationDueBy } : {}),
          },
        };
      }
      case 'application_waitlisted':
        return { audience: 'carrier', data: { application, programmeYear: record.programmeYear } };
      case 'application_approved': {
        const instalments =
          event.instalments?.map((i) => ({ cashYear: i.cashYear, amountCents: Number(i.amountCents) })) ??
          instalmentsOf(record.content)
            .filter((i) => i.amount.isPositive())
            .map((i) => ({ cashYear: i.cashYear, amountCents: Number(i.amount.toString()) }));
        return {
          audience: 'carrier',
          section: '/bescheid',
          data: {
            application,
            grant: {
              issuedOn: calendarDayOf(now),
              amountCents: Number(planTotals(record.content).requested.toString()),
              period: { start: record.content.periodStart, end: record.content.periodEnd },
              instalments,
              reports: (event.reportDeadlines ?? []).map((d) => ({
                type: d.kind === 'final' ? 'proof_of_use' : 'interim',
                due: d.due,
              })),
              noticeAttached: false,
            },
          },
        };
      }
      default:
        return null;
    }
  }
}
