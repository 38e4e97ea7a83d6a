import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { Link, useLocation, useNavigate } from 'react-router';
import { grantNoticeUrl, listAttachments, newIdempotencyKey, sendEvent } from '../../api/applications';
import { Alert } from '../../components/Alert';
import { dateTime, day, money } from '../../components/applications/format';
import { fundedStates } from '../../components/applications/lifecycle';
import { StateBadge } from '../../components/applications/StateBadge';
import { StatusTimeline } from '../../components/applications/StatusTimeline';
import { type Task, TaskList } from '../../components/applications/TaskList';
import { Button } from '../../components/Button';
import { type Confirmation, ConfirmDialog } from '../../components/ConfirmDialog';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { applicationPath, paths } from '../../paths';
import { useApplicationDraft } from './draftContext';
import { ImplementationSection } from './ImplementationSection';
import { partKeys, partSlugs, partStatus, type PartStatus } from '../../components/applications/parts';
import { SaveIndicator } from './SaveIndicator';

/** Router state after a lifecycle step, shown once as a success message. */
export type OverviewState = { done?: 'submitted' | 'withdrawn' | 'finalReport' | 'implementationStarted' };

const statusVariant = {
  complete: 'success',
  incomplete: 'warning',
  notStarted: 'info',
  dueAfterSelection: 'info',
} as const;

/**
 * The carrier's start page of one application: where it stands, what is still to do (the task
 * list while the content may change), the next steps the lifecycle allows, and its history.
 */
export function ApplicationOverviewPage() {
  const { t } = useTranslation();
  const now = useNow();
  const location = useLocation();
  const navigate = useNavigate();
  const done = (location.state as OverviewState | null)?.done;
  const draft = useApplicationDraft();
  const { detail, content, problems } = draft;
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const loadAttachments = useCallback(
    (signal: AbortSignal) => listAttachments(detail.id, { signal }),
    [detail.id],
  );
  const { state: attachments } = useApiData(loadAttachments);
  const hasAttachments = attachments.status === 'loaded' && attachments.data.items.length > 0;
  const deadlinePassed = new Date(detail.call.submissionDeadline).getTime() <= now;
  const allowed = new Set(detail.allowedEvents);
  const canResubmit = detail.state === 'draft' || detail.state === 'changes_requested';

  const tasks: Task[] = partKeys.map((part) => {
    const status: PartStatus = partStatus(part, problems, content, hasAttachments, detail.state);
    return {
      key: part,
      label: t(`applicationForm.parts.${part}`),
      to: applicationPath(detail.id, partSlugs[part]),
      status: t(`applicationForm.partStatus.${status}`),
      variant: statusVariant[status],
    };
  });

  function confirmEvent(type: 'WITHDRAW' | 'START_IMPLEMENTATION') {
    const key = newIdempotencyKey();
    setConfirmation({
      title: t(`applicationOverview.confirm.${type}.title`),
      body: t(`applicationOverview.confirm.${type}.body`),
      confirmLabel: t(`applicationOverview.confirm.${type}.confirm`),
      action: async () => {
        await draft.flush();
        const transition = await sendEvent(detail.id, { type, version: draft.currentVersion() }, key);
        // Replaces the message of an earlier step, also in the history entry a reload restores.
        const state: OverviewState = { done: type === 'WITHDRAW' ? 'withdrawn' : 'implementationStarted' };
        navigate(location.pathname, { replace: true, state });
        draft.afterTransition(transition);
      },
    });
  }

  return (
    <Page title={draft.title || detail.reference} heading={draft.title || detail.reference}>
      <p className="kern-body">
        <TextLink to={paths.myApplications}>{t('applicationOverview.back')}</TextLink>
      </p>
      <div className="application-header">
        <StateBadge state={detail.state} />
        <span className="kern-body kern-body--muted">{detail.reference}</span>
      </div>
      {done && (
        <Alert variant="success" title={t(`applicationOverview.done.${done}`)} role="status">
          <p className="kern-body">{t(`applicationOverview.doneBody.${done}`)}</p>
        </Alert>
      )}
      <DescriptionList
        items={[
          { key: 'call', term: t('applicationOverview.call'), value: detail.call.title },
          {
            key: 'organisation',
            term: t('applicationOverview.organisation'),
            value: detail.organisation.name,
          },
          {
            key: 'deadline',
            term: t('applicationOverview.deadline'),
            value: dateTime(detail.call.submissionDeadline),
          },
          {
            key: 'requested',
            term: t('applicationOverview.requested'),
            value: money(detail.totals.requestedCents),
          },
          ...(detail.senateAmountCents
            ? [
                {
                  key: 'senate',
                  term: t('applicationOverview.senateAmount'),
                  value: money(detail.senateAmountCents),
                },
              ]
            : []),
          ...(detail.approvedCents
            ? [
                {
                  key: 'approved',
                  term: t('applicationOverview.approvedAmount'),
                  value: money(detail.approvedCents),
                },
              ]
            : []),
          ...(detail.submittedAt
            ? [
                {
                  key: 'submitted',
                  term: t('applicationOverview.submittedAt'),
                  value: dateTime(detail.submittedAt),
                },
              ]
            : []),
        ]}
      />

      {detail.openChangeRequest && detail.state === 'changes_requested' && (
        <Alert variant="warning" title={t('applicationOverview.changeRequest.title')}>
          <p className="kern-body">{t('applicationOverview.changeRequest.intro')}</p>
          <blockquote className="kern-body change-request__message">
            {detail.openChangeRequest.message}
          </blockquote>
          <p className="kern-body kern-body--bold">
            {t('applicationOverview.changeRequest.deadline', {
              deadline: dateTime(detail.openChangeRequest.replyDeadline),
            })}
          </p>
          <p className="kern-body">{t('applicationOverview.changeRequest.howTo')}</p>
        </Alert>
      )}
      {detail.state === 'selected' && (
        <Alert
          variant={detail.planAdjustmentRequired ? 'warning' : 'info'}
          title={t('applicationOverview.selected.title')}
        >
          <p className="kern-body">
            {detail.planAdjustmentRequired
              ? t('applicationOverview.selected.adjust', {
                  senate: money(detail.senateAmountCents),
                  requested: money(detail.totals.requestedCents),
                })
              : t('applicationOverview.selected.confirm')}
          </p>
        </Alert>
      )}
      {['submitted', 'in_review', 'in_planning', 'waitlisted'].includes(detail.state) && (
        <Alert variant="info" title={t('applicationOverview.waiting.title')}>
          <p className="kern-body">{t(`applicationOverview.waiting.${detail.state as 'submitted'}`)}</p>
        </Alert>
      )}
      {canResubmit && deadlinePassed && detail.state === 'draft' && (
        <Alert variant="danger" title={t('applicationOverview.deadlinePassed.title')}>
          <p className="kern-body">
            {t('applicationOverview.deadlinePassed.body', {
              deadline: dateTime(detail.call.submissionDeadline),
            })}
          </p>
        </Alert>
      )}

      {detail.editable ? (
        <section className="page__section" aria-labelledby="antrag-teile">
          <TaskList heading={t('applicationOverview.partsHeading')} headingId="antrag-teile" tasks={tasks} />
          <SaveIndicator />
          <div className="page__actions">
            <Link className="kern-btn kern-btn--primary" to={applicationPath(detail.id, 'pruefen')}>
              <span className="kern-label">
                {canResubmit ? t('applicationOverview.toCheck') : t('applicationOverview.toSummary')}
              </span>
            </Link>
          </div>
        </section>
      ) : (
        <section className="page__section" aria-labelledby="antrag-inhalt">
          <h2 className="kern-heading-medium" id="antrag-inhalt">
            {t('applicationOverview.contentHeading')}
          </h2>
          <p className="kern-body">
            <TextLink to={applicationPath(detail.id, 'pruefen')}>
              {t('applicationOverview.viewContent')}
            </TextLink>
          </p>
          {detail.submittedAt && (
            <p className="kern-body kern-body--muted">
              {t('applicationOverview.submittedOn', { date: day(detail.submittedAt) })}
            </p>
          )}
        </section>
      )}

      {fundedStates.includes(detail.state) && (
        <section className="page__section" aria-labelledby="antrag-bescheid">
          <h2 className="kern-heading-medium" id="antrag-bescheid">
            {t('applicationOverview.noticeHeading')}
          </h2>
          <p className="kern-body">
            <a className="kern-link" href={grantNoticeUrl(detail.id)} download>
              {t('applicationOverview.noticeLink')}
            </a>
          </p>
        </section>
      )}

      {(allowed.has('START_IMPLEMENTATION') || allowed.has('WITHDRAW')) && (
        <section className="page__section" aria-labelledby="antrag-schritte">
          <h2 className="kern-heading-medium" id="antrag-schritte">
            {t('applicationOverview.actionsHeading')}
          </h2>
          <div className="page__actions">
            {allowed.has('START_IMPLEMENTATION') && (
              <Button
                label={t('applicationEvents.START_IMPLEMENTATION')}
                onClick={() => confirmEvent('START_IMPLEMENTATION')}
              />
            )}
            {allowed.has('WITHDRAW') && (
              <Button
                variant="secondary"
                icon="delete"
                label={t('applicationEvents.WITHDRAW')}
                onClick={() => confirmEvent('WITHDRAW')}
              />
            )}
          </div>
        </section>
      )}

      {['in_implementation', 'final_report_submitted', 'completed', 'revoked'].includes(detail.state) && (
        <ImplementationSection detail={detail} role="carrier" />
      )}

      <StatusTimeline applicationId={detail.id} state={detail.state} version={detail.version} />
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Page>
  );
}
