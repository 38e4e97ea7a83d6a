import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ApplicationReviews,
  declareConflict,
  getReviews,
  type Recommendation,
  recommendations,
  submitVotum,
} from '../../api/committee';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { dateTime } from '../../components/applications/format';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FieldSpec } from '../../components/form/formErrors';
import { RadioGroup } from '../../components/form/RadioGroup';
import { SelectField } from '../../components/form/SelectField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { useSubmit } from '../../components/form/useSubmit';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { useActionUntilShown } from '../../hooks/useActionUntilShown';
import { useApiData } from '../../hooks/useApiData';
import { scoreText } from './scoreText';
import type { Message } from '../../components/form/formErrors';

/**
 * The committee's review (Votum) of one application: the departments' Voten with the summary,
 * which departments are still missing, and for a member the form for their department's Votum
 * (or, with a declared conflict of interest, why they give none and see no confidential notes).
 */
export function VotumSection({
  applicationId,
  onConflictDeclared,
}: {
  applicationId: string;
  /** A declared conflict changes more than the Voten: the member's open votes record a recusal. */
  onConflictDeclared?(): void;
}) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => getReviews(applicationId, { signal }), [applicationId]);
  const { state, reload, replace } = useApiData(load);

  return (
    <section className="page__section" aria-labelledby="voten">
      <h2 className="kern-heading-medium" id="voten">
        {t('votum.heading')}
      </h2>
      {state.status === 'loading' && <Loader label={t('votum.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('votum.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <Reviews
          reviews={state.data}
          onChanged={replace}
          reload={() => {
            reload();
            onConflictDeclared?.();
          }}
        />
      )}
    </section>
  );
}

function Reviews({
  reviews,
  onChanged,
  reload,
}: {
  reviews: ApplicationReviews;
  onChanged(next: ApplicationReviews): void;
  reload(): void;
}) {
  const { t } = useTranslation();
  const { summary } = reviews;
  return (
    <>
      <p className="kern-body">
        {reviews.reviewDeadline
          ? t(reviews.deadlinePassed ? 'votum.deadlinePassed' : 'votum.deadline', {
              deadline: dateTime(reviews.reviewDeadline),
            })
          : t('votum.noDeadline')}{' '}
        {t('votum.summary', {
          count: summary.reviews,
          support: summary.recommendations.support,
          conditions: summary.recommendations.support_with_conditions,
          against: summary.recommendations.do_not_support,
          score: scoreText(summary.averageScore),
        })}
      </p>
      {reviews.missingDepartments.length > 0 && (
        <p className="kern-body" data-testid="missing-departments">
          {t('votum.missing', { departments: reviews.missingDepartments.join(', ') })}
        </p>
      )}
      {reviews.voten.length > 0 && (
        <table className="kern-table">
          <caption className="kern-sr-only">{t('votum.tableCaption')}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">
                {t('votum.department')}
              </th>
              <th className="kern-table__header" scope="col">
                {t('votum.recommendation')}
              </th>
              <th className="kern-table__header" scope="col">
                {t('votum.score')}
              </th>
              <th className="kern-table__header" scope="col">
                {t('votum.comment')}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {reviews.voten.map((votum) => (
              <tr className="kern-table__row" key={votum.id}>
                <th className="kern-table__header" scope="row">
                  {votum.department}
                  <br />
                  <span className="kern-body kern-body--small">{votum.author}</span>
                  {votum.withdrawn && (
                    <>
                      <br />
                      <Badge
                        variant="warning"
                        label={t('votum.withdrawn', { at: dateTime(votum.withdrawn.at) })}
                      />
                    </>
                  )}
                </th>
                <td className="kern-table__cell">
                  {t(`votum.recommendations.${votum.recommendation}`)}
                  {votum.conditions && (
                    <>
                      <br />
                      {t('votum.conditionsText', { conditions: votum.conditions })}
                    </>
                  )}
                </td>
                <td className="kern-table__cell">
                  {scoreText(votum.score)}
                  {reviews.criteria.length > 0 && (
                    <ul className="kern-list kern-body--small">
                      {reviews.criteria.map((criterion) => (
                        <li key={criterion.key}>
                          {t('votum.criterionScore', {
                            label: criterion.label,
                            score: votum.scores[criterion.key] ?? '–',
                            max: criterion.maxScore,
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="kern-table__cell">
                  {votum.comment}
                  {votum.confidentialNote && (
                    <>
                      <br />
                      <strong>{t('votum.confidentialLabel')}</strong> {votum.confidentialNote}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reviews.confidentialNotesHidden && (
        <Alert variant="info" title={t('votum.conflictedTitle')}>
          <p className="kern-body">{t('votum.conflictedBody')}</p>
        </Alert>
      )}
      {reviews.own && !reviews.own.conflicted && !reviews.deadlinePassed && (
        <>
          <VotumForm reviews={reviews} onSaved={onChanged} />
          <ConflictForm reviews={reviews} onDeclared={reload} />
        </>
      )}
    </>
  );
}

function VotumForm({
  reviews,
  onSaved,
}: {
  reviews: ApplicationReviews;
  onSaved(next: ApplicationReviews): void;
}) {
  const { t } = useTranslation();
  const own = reviews.voten.find((votum) => votum.id === reviews.own?.votumId);
  const [recommendation, setRecommendation] = useState<Recommendation | ''>(own?.recommendation ?? '');
  const [conditions, setConditions] = useState(own?.conditions ?? '');
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(reviews.criteria.map((c) => [c.key, own ? String(own.scores[c.key] ?? '') : ''])),
  );
  const [comment, setComment] = useState(own?.comment ?? '');
  const [note, setNote] = useState(own?.confidentialNote ?? '');
  const [saved, setSaved] = useState(false);
  const fields = useMemo(() => {
    const specs: Record<string, FieldSpec> = {
      recommendation: { id: `votum-recommendation-${recommendations[0]}`, label: t('votum.recommendation') },
      conditions: { id: 'votum-conditions', label: t('votum.conditions') },
      comment: { id: 'votum-comment', label: t('votum.comment') },
      confidentialNote: { id: 'votum-note', label: t('votum.confidentialNote') },
    };
    for (const criterion of reviews.criteria) {
      specs[`scores.${criterion.key}`] = { id: `votum-score-${criterion.key}`, label: criterion.label };
    }
    return specs;
  }, [reviews.criteria, t]);
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, Message> = {};
    if (!recommendation) missing.recommendation = (tr) => tr('votum.chooseRecommendation');
    for (const criterion of reviews.criteria) {
      if (scores[criterion.key] === '') missing[`scores.${criterion.key}`] = (tr) => tr('votum.chooseScore');
    }
    if (Object.keys(missing).length > 0 || !recommendation) {
      form.showFieldErrors(missing);
      return;
    }
    setSaved(false);
    await submitting.run(async () => {
      const next = await submitVotum(reviews.applicationId, {
        recommendation,
        ...(recommendation === 'support_with_conditions' ? { conditions } : {}),
        ...(reviews.criteria.length > 0
          ? { scores: Object.fromEntries(Object.entries(scores).map(([key, value]) => [key, Number(value)])) }
          : {}),
        comment,
        confidentialNote: note,
      });
      form.clear();
      setSaved(true);
      onSaved(next);
    });
  }

  return (
    <form className="page__section" onSubmit={submit} noValidate aria-labelledby="votum-form-heading">
      <h3 className="kern-heading-small" id="votum-form-heading">
        {t(own ? 'votum.formHeadingRevise' : 'votum.formHeading', { department: reviews.own?.department })}
      </h3>
      <ErrorSummary {...form.summaryProps} />
      {saved && (
        <Alert variant="success" title={t('votum.saved')} role="status">
          <p className="kern-body">{t('votum.savedBody')}</p>
        </Alert>
      )}
      <RadioGroup
        id="votum-recommendation"
        name="recommendation"
        legend={t('votum.recommendation')}
        value={recommendation}
        error={form.fieldError('recommendation')}
        options={recommendations.map((value) => ({ value, label: t(`votum.recommendations.${value}`) }))}
        onChange={(value) => setRecommendation(value as Recommendation)}
      />
      {recommendation === 'support_with_conditions' && (
        <TextAreaField
          id="votum-conditions"
          label={t('votum.conditions')}
          rows={3}
          value={conditions}
          error={form.fieldError('conditions')}
          onChange={setConditions}
        />
      )}
      {reviews.criteria.map((criterion) => (
        <SelectField
          key={criterion.key}
          id={`votum-score-${criterion.key}`}
          label={criterion.label}
          hint={t('votum.scoreHint', { max: criterion.maxScore, weight: criterion.weight })}
          value={scores[criterion.key] ?? ''}
          error={form.fieldError(`scores.${criterion.key}`)}
          options={[
            { value: '', label: t('votum.chooseScoreOption') },
            ...Array.from({ length: criterion.maxScore + 1 }, (_, score) => ({
              value: String(score),
              label: String(score),
            })),
          ]}
          onChange={(value) => setScores((current) => ({ ...current, [criterion.key]: value }))}
        />
      ))}
      <TextAreaField
        id="votum-comment"
        label={t('votum.comment')}
        rows={4}
        value={comment}
        error={form.fieldError('comment')}
        onChange={setComment}
      />
      <TextAreaField
        id="votum-note"
        label={t('votum.confidentialNote')}
        hint={t('votum.confidentialHint')}
        optional
        rows={3}
        value={note}
        error={form.fieldError('confidentialNote')}
        onChange={setNote}
      />
      <Button type="submit" label={t(own ? 'votum.revise' : 'votum.submit')} disabled={submitting.busy} />
    </form>
  );
}

function ConflictForm({ reviews, onDeclared }: { reviews: ApplicationReviews; onDeclared(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const fields = useMemo(
    () => ({ reason: { id: 'conflict-reason', label: t('votum.conflictReason') } }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);
  // Declared once: the form stays disabled until the reloaded reviews show the declaration.
  const declaring = useActionUntilShown(reviews);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await submitting.run(async () => {
      await declaring.run(() =>
        declareConflict(reviews.committeeId, { applicationId: reviews.applicationId, reason }),
      );
      onDeclared();
    });
  }

  return (
    <details className="page__section">
      <summary className="kern-body">{t('votum.conflictSummary')}</summary>
      <form onSubmit={submit} noValidate>
        <ErrorSummary {...form.summaryProps} />
        <p className="kern-body">{t('votum.conflictIntro')}</p>
        <TextAreaField
          id="conflict-reason"
          label={t('votum.conflictReason')}
          rows={2}
          value={reason}
          error={form.fieldError('reason')}
          onChange={setReason}
        />
        <Button
          type="submit"
          variant="secondary"
          label={t('votum.declareConflict')}
          disabled={submitting.busy || declaring.pending}
        />
      </form>
    </details>
  );
}
