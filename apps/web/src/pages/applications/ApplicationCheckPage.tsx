import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { Link, useNavigate } from 'react-router';
import { getCall, listAttachments, newIdempotencyKey, type Problem, sendEvent } from '../../api/applications';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { ApplicationSummary } from '../../components/applications/ApplicationSummary';
import { dateTime } from '../../components/applications/format';
import { partOfProblem, partSlugs } from '../../components/applications/parts';
import { problemFieldLabel, problemMessage } from '../../components/applications/problemText';
import { Button } from '../../components/Button';
import { describeError, type Message, messageText } from '../../components/form/formErrors';
import { serverErrorText } from '../../components/form/serverText';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { applicationPath } from '../../paths';
import { useApplicationDraft } from './draftContext';
import type { OverviewState } from './ApplicationOverviewPage';
import { SaveIndicator } from './SaveIndicator';

/** Texts made when shown, so a refusal on screen follows a language switch (`Message`). */
type Refusal = { title: Message; message: Message; problems: Problem[] };

/**
 * "Check your answers" before submitting (GOV.UK pattern with KERN's summary): every part with a
 * change link, the checklist of what is still missing, the deadline, and the submit button. The
 * server decides; its refusals (deadline passed, incomplete) are shown with the reasons.
 */
export function ApplicationCheckPage() {
  const { t } = useTranslation();
  const now = useNow();
  const navigate = useNavigate();
  const draft = useApplicationDraft();
  const { detail } = draft;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // One key per visit: a double click or a retry after a lost answer submits once.
  const idempotencyKey = useRef<string | null>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [call, attachments] = await Promise.all([
        getCall(detail.call.id, { signal }),
        listAttachments(detail.id, { signal }),
      ]);
      return { call, attachments: attachments.items };
    },
    [detail.call.id, detail.id],
  );
  const { state, reload } = useApiData(load);
  const submittable = detail.state === 'draft' || detail.state === 'changes_requested';
  const deadline =
    detail.state === 'changes_requested' && detail.openChangeRequest
      ? detail.openChangeRequest.replyDeadline
      : detail.call.submissionDeadline;
  const deadlinePassed = new Date(deadline).getTime() <= now;
  const labels = { attachments: state.status === 'loaded' ? state.data.call.requiredAttachments : [] };
  const missing = draft.problems;
  const heading = submittable ? t('applicationCheck.heading') : t('applicationCheck.readOnlyHeading');

  function showRefusal(next: Refusal) {
    setRefusal(next);
    // Move focus to the refusal so it is read out at once.
    window.setTimeout(() => refusalRef.current?.focus(), 0);
  }

  async function submit() {
    setRefusal(null);
    setBusy(true);
    try {
      const problems = await draft.flush();
      if (problems === null) {
        showRefusal({
          title: (tr) => tr('applicationCheck.notSaved'),
          message: (tr) => tr('applicationCheck.notSavedBody'),
          problems: [],
        });
        return;
      }
      idempotencyKey.current ??= newIdempotencyKey();
      const transition = await sendEvent(
        detail.id,
        { type: 'SUBMIT', version: draft.currentVersion() },
        idempotencyKey.current,
      );
      const state: OverviewState = { done: 'submitted' };
      draft.afterTransition(transition);
      await navigate(applicationPath(detail.id), { state });
    } catch (error) {
      // A refused submission made no transition: the next attempt may use a new key.
      idempotencyKey.current = null;
      const { code, message } = isApiError(error) ? error : { code: '', message: '' };
      if (isApiError(error) && error.code === 'submission_deadline_passed') {
        showRefusal({
          title: (tr) => tr('applicationCheck.deadlinePassedTitle'),
          message: () => serverErrorText(code, message),
          problems: [],
        });
      } else if (isApiError(error) && error.code === 'application_incomplete') {
        showRefusal({
          title: (tr) => tr('applicationCheck.incompleteTitle'),
          message: () => serverErrorText(code, message),
          problems: error.details.map((d) => ({ ...d })),
        });
      } else if (isApiError(error) && error.code === 'version_conflict') {
        showRefusal({
          title: (tr) => tr('applicationForm.save.conflictTitle'),
          message: (tr) => tr('applicationForm.save.conflictBody'),
          problems: [],
        });
      } else {
        showRefusal({
          title: (tr) => tr('applicationCheck.failedTitle'),
          message: (tr) => describeError(error, tr),
          problems: [],
        });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page
      title={t('applicationForm.pageTitle', { part: heading, title: draft.title || detail.reference })}
      heading={heading}
      hasErrors={refusal !== null}
    >
      <p className="kern-body">
        <TextLink to={applicationPath(detail.id)}>
          {t('applicationForm.backToOverview', { title: draft.title || detail.reference })}
        </TextLink>
      </p>
      {refusal && (
        <div ref={refusalRef} tabIndex={-1} className="focus-target">
          <Alert variant="danger" title={messageText(refusal.title, t)} role="alert">
            <p className="kern-body">{messageText(refusal.message, t)}</p>
            {refusal.problems.length > 0 && (
              <ProblemLinks applicationId={detail.id} problems={refusal.problems} labels={labels} />
            )}
          </Alert>
        </div>
      )}

      {submittable && (
        <section className="page__section" aria-labelledby="pruefen-frist">
          <h2 className="kern-heading-medium" id="pruefen-frist">
            {t('applicationCheck.deadlineHeading')}
          </h2>
          <p className={deadlinePassed ? 'kern-body kern-body--bold' : 'kern-body'}>
            {deadlinePassed
              ? t('applicationCheck.deadlinePassed', { deadline: dateTime(deadline) })
              : t('applicationCheck.deadline', { deadline: dateTime(deadline) })}
          </p>
          <h2 className="kern-heading-medium" id="pruefen-fehlt">
            {t('applicationCheck.checklistHeading')}
          </h2>
          {missing.length === 0 ? (
            <Alert variant="success" title={t('applicationCheck.complete')}>
              <p className="kern-body">{t('applicationCheck.completeBody')}</p>
            </Alert>
          ) : (
            <>
              <p className="kern-body">{t('applicationCheck.missingIntro', { count: missing.length })}</p>
              <ProblemLinks applicationId={detail.id} problems={missing} labels={labels} />
            </>
          )}
          <SaveIndicator />
        </section>
      )}

      <section className="page__section" aria-labelledby="pruefen-angaben">
        <h2 className="kern-heading-medium" id="pruefen-angaben">
          {t('applicationCheck.answersHeading')}
        </h2>
        {state.status === 'loading' && <Loader label={t('applicationCheck.loading')} />}
        {state.status === 'failed' && (
          <LoadError title={t('applicationCheck.loadFailed')} error={state.error} onRetry={reload} />
        )}
        <ApplicationSummary
          title={draft.title}
          content={draft.content}
          call={state.status === 'loaded' ? state.data.call : null}
          attachments={state.status === 'loaded' ? state.data.attachments : null}
          changeLink={detail.editable ? (part) => applicationPath(detail.id, partSlugs[part]) : undefined}
          headingLevel={3}
        />
      </section>

      {submittable && (
        <section className="page__section" aria-labelledby="pruefen-absenden">
          <h2 className="kern-heading-medium" id="pruefen-absenden">
            {detail.state === 'changes_requested'
              ? t('applicationCheck.resubmitHeading')
              : t('applicationCheck.submitHeading')}
          </h2>
          <p className="kern-body">{t('applicationCheck.submitIntro')}</p>
          <div className="page__actions">
            <Button
              label={
                detail.state === 'changes_requested'
                  ? t('applicationCheck.resubmit')
                  : t('applicationCheck.submit')
              }
              disabled={busy}
              onClick={() => void submit()}
            />
          </div>
        </section>
      )}
    </Page>
  );
}

/** The checklist of what is missing: each item a link to the part (and field) that needs it. */
function ProblemLinks({
  applicationId,
  problems,
  labels,
}: {
  applicationId: string;
  problems: Problem[];
  labels: Parameters<typeof problemFieldLabel>[2];
}) {
  const { t } = useTranslation();
  return (
    <ul className="kern-list checklist">
      {problems.map((problem, index) => {
        const part = partOfProblem(problem);
        const text = `${problemFieldLabel(problem, t, labels)}: ${problemMessage(problem, t)}`;
        return (
          <li key={`${problem.field}-${problem.rule}-${index}`} className="kern-body">
            {part ? (
              <Link className="kern-link" to={`${applicationPath(applicationId, partSlugs[part])}?pruefen=1`}>
                {text}
              </Link>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}
