import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  getApplication,
  getCall,
  grantNoticeUrl,
  listAttachments,
  type Transition,
} from '../../api/applications';
import { Alert } from '../../components/Alert';
import { ApplicationSummary } from '../../components/applications/ApplicationSummary';
import { dateTime, money } from '../../components/applications/format';
import { fundedStates } from '../../components/applications/lifecycle';
import { declarationsGiven, problemsOfPart } from '../../components/applications/parts';
import { StateBadge } from '../../components/applications/StateBadge';
import { StatusTimeline } from '../../components/applications/StatusTimeline';
import { DescriptionList } from '../../components/DescriptionList';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { useFocusWhenShown } from '../../hooks/useFocusWhenShown';
import { paths } from '../../paths';
import { useSession } from '../../session/SessionContext';
import { hasRole } from '../../session/roles';
import { planBalance } from '@kiezfonds/domain';
import { AttachmentTable } from '../applications/parts/AttachmentsPart';
import { ImplementationSection } from '../applications/ImplementationSection';
import { DecisionsSection } from '../committee/DecisionsSection';
import { VotumSection } from '../committee/VotumSection';
import { EventActions } from './EventActions';
import {
  ChangeRequestList,
  DoubleFundingPanel,
  FormalCheck,
  type ManualCheck,
  VersionDiff,
} from './ReviewPanels';

/** States in which the committee's Voten are shown: under review, and what follows from it. */
const reviewedStates = ['in_review', 'in_planning', 'waitlisted', 'selected', 'rejected'];

/**
 * An application as the district's staff see it (`/eingang/:id`): facts, the formal check, the
 * lifecycle steps the API allows (with their forms), the content, versions and their differences,
 * double-funding warnings, the grant notice, implementation and the history.
 */
export function StaffApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useSession();
  const [ticked, setTicked] = useState<ReadonlySet<ManualCheck>>(new Set());
  const [moved, setMoved] = useState<Transition | null>(null);
  // Bumped when the member declares a conflict, so the votes show the recusal recorded with it.
  const [committeeChanges, setCommitteeChanges] = useState(0);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const detail = await getApplication(id, { signal });
      const [call, attachments] = await Promise.all([
        getCall(detail.call.id, { signal }),
        listAttachments(id, { signal }),
      ]);
      return { detail, call, attachments: attachments.items };
    },
    [id],
  );
  const { state, reload } = useApiData(load);
  // The step's form closes after it is sent: its outcome takes the focus.
  const focusWhenShown = useFocusWhenShown();
  const title = state.status === 'loaded' ? state.data.detail.title : t('staffApplication.title');

  if (state.status !== 'loaded') {
    return (
      <Page title={title} heading={title}>
        {state.status === 'loading' && <Loader label={t('applicationOverview.loading')} />}
        {state.status === 'failed' && (
          <LoadError title={t('applicationOverview.loadFailed')} error={state.error} onRetry={reload} />
        )}
      </Page>
    );
  }

  const { detail, call, attachments } = state.data;
  const districtId = detail.call.districtId;
  const isCoordinator = me ? hasRole(me, 'coordinator', districtId) : false;
  const isFinance = me ? hasRole(me, 'finance', districtId) : false;
  const isBoardMember = me ? hasRole(me, 'board_member', districtId) : false;
  const balance = planBalance(detail.content.costPlan ?? [], detail.content.financingPlan ?? []);
  const requested = balance.total.requested;
  const withinLimits =
    requested >= BigInt(detail.call.minAmountCents) &&
    (detail.call.maxAmountCents === null || requested <= BigInt(detail.call.maxAmountCents));
  const inTime =
    detail.submittedAt !== null &&
    new Date(detail.submittedAt).getTime() <= new Date(detail.call.submissionDeadline).getTime();
  const automatic = [
    {
      key: 'complete',
      ok: detail.problems.length === 0,
      label: t('formalCheck.auto.complete'),
      detail:
        detail.problems.length > 0
          ? t('formalCheck.auto.problems', { count: detail.problems.length })
          : undefined,
    },
    // Not part of the submission: due with the full application after selection (DOMAIN.md step 7).
    declarationsGiven(detail.content)
      ? { key: 'declarations', ok: true, label: t('formalCheck.auto.declarationsGiven') }
      : { key: 'declarations', ok: true, later: true, label: t('formalCheck.auto.declarationsLater') },
    {
      key: 'attachments',
      ok: problemsOfPart(detail.problems, 'attachments').length === 0,
      label: t('formalCheck.auto.attachments'),
    },
    {
      key: 'inTime',
      ok: inTime,
      label: t('formalCheck.auto.inTime', { deadline: dateTime(detail.call.submissionDeadline) }),
    },
    { key: 'balanced', ok: balance.balanced, label: t('formalCheck.auto.balanced') },
    {
      key: 'limits',
      ok: withinLimits,
      label: t('formalCheck.auto.limits', {
        requested: money(requested),
        min: money(detail.call.minAmountCents),
        max: money(detail.call.maxAmountCents),
      }),
    },
  ];
  const showNotice = isCoordinator && (detail.state === 'selected' || fundedStates.includes(detail.state));
  const afterTransition = (transition: Transition) => {
    focusWhenShown('ereignis-ergebnis');
    setMoved(transition);
    reload();
  };

  return (
    <Page title={title} heading={title}>
      <p className="kern-body">
        <TextLink to={paths.inbox}>{t('staffApplication.back')}</TextLink>
      </p>
      <div className="application-header">
        <StateBadge state={detail.state} />
        <span className="kern-body kern-body--muted">{detail.reference}</span>
      </div>
      {moved && (
        <div id="ereignis-ergebnis" tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('staffApplication.moved')} role="status">
            <p className="kern-body">
              {t('staffApplication.movedBody', { state: t(`applicationStates.${moved.state}`) })}
            </p>
          </Alert>
        </div>
      )}
      <DescriptionList
        items={[
          {
            key: 'organisation',
            term: t('applicationOverview.organisation'),
            value: detail.organisation.name,
          },
          { key: 'call', term: t('applicationOverview.call'), value: detail.call.title },
          {
            key: 'submitted',
            term: t('applicationOverview.submittedAt'),
            value: dateTime(detail.submittedAt),
          },
          {
            key: 'requested',
            term: t('applicationOverview.requested'),
            value: money(detail.totals.requestedCents),
          },
          {
            key: 'costs',
            term: t('staffApplication.costs'),
            value: t('staffApplication.costsValue', {
              costs: money(detail.totals.costsCents),
              own: money(detail.totals.ownCents),
              thirdParty: money(detail.totals.thirdPartyCents),
            }),
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
          ...(detail.openChangeRequest
            ? [
                {
                  key: 'changeRequest',
                  term: t('staffApplication.openChangeRequest'),
                  value: t('changeRequests.deadline', {
                    deadline: dateTime(detail.openChangeRequest.replyDeadline),
                  }),
                },
              ]
            : []),
        ]}
      />
      {detail.planAdjustmentRequired && (
        <Alert variant="info" title={t('staffApplication.planAdjustment')}>
          <p className="kern-body">{t('staffApplication.planAdjustmentBody')}</p>
        </Alert>
      )}

      {isCoordinator && detail.state === 'submitted' && (
        <FormalCheck
          automatic={automatic}
          ticked={ticked}
          onTick={(check, on) =>
            setTicked((current) => {
              const next = new Set(current);
              if (on) next.add(check);
              else next.delete(check);
              return next;
            })
          }
        />
      )}

      <section className="page__section" aria-labelledby="naechste-schritte">
        <h2 className="kern-heading-medium" id="naechste-schritte">
          {t('staffApplication.actionsHeading')}
        </h2>
        <EventActions
          detail={detail}
          formalCheckComplete={ticked.size === 3}
          onTransition={afterTransition}
        />
        {showNotice && (
          <p className="kern-body">
            <a className="kern-link" href={grantNoticeUrl(detail.id)} target="_blank" rel="noopener">
              {detail.state === 'selected'
                ? t('staffApplication.noticePreview')
                : t('staffApplication.notice')}
              <span className="kern-sr-only"> {t('staffApplication.newWindow')}</span>
            </a>
          </p>
        )}
      </section>

      {(isCoordinator || isBoardMember) && reviewedStates.includes(detail.state) && (
        <VotumSection
          applicationId={detail.id}
          onConflictDeclared={() => setCommitteeChanges((n) => n + 1)}
        />
      )}
      {(isCoordinator || isBoardMember) && reviewedStates.includes(detail.state) && (
        <DecisionsSection
          key={committeeChanges}
          applicationId={detail.id}
          isMember={isBoardMember}
          canOpen={isCoordinator && ['in_review', 'in_planning'].includes(detail.state)}
        />
      )}

      {(isCoordinator || isFinance) && (
        <DoubleFundingPanel applicationId={detail.id} version={detail.version} />
      )}

      <section className="page__section" aria-labelledby="antrag-angaben">
        <h2 className="kern-heading-medium" id="antrag-angaben">
          {t('staffApplication.contentHeading')}
        </h2>
        <ApplicationSummary
          title={detail.title}
          content={detail.content}
          call={call}
          attachments={attachments}
          headingLevel={3}
          idPrefix="eingang"
        />
        <h3 className="kern-heading-small">{t('attachments.listHeading')}</h3>
        <AttachmentTable
          applicationId={detail.id}
          attachments={attachments}
          labelOf={(kind) =>
            call.requiredAttachments.find((r) => r.key === kind)?.label ??
            (kind === 'other' ? t('attachments.other') : kind)
          }
        />
      </section>

      <section className="page__section" aria-labelledby="fassungen">
        <h2 className="kern-heading-medium" id="fassungen">
          {t('versions.heading')}
        </h2>
        <VersionDiff applicationId={detail.id} version={detail.version} />
      </section>

      <section className="page__section" aria-labelledby="nachbesserungen">
        <h2 className="kern-heading-medium" id="nachbesserungen">
          {t('changeRequests.heading')}
        </h2>
        <ChangeRequestList applicationId={detail.id} version={detail.version} />
      </section>

      {['in_implementation', 'final_report_submitted', 'completed', 'revoked', 'approved'].includes(
        detail.state,
      ) && (
        <ImplementationSection
          detail={detail}
          role="staff"
          canPay={isFinance}
          canApprovePlanChanges={isCoordinator}
          onChanged={reload}
        />
      )}

      <StatusTimeline applicationId={detail.id} state={detail.state} version={detail.version} />
    </Page>
  );
}
