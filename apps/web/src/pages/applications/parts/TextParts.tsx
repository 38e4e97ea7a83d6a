import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Goal } from '../../../api/applications';
import { listPredecessorOptions, type PredecessorOption } from '../../../api/predecessors';
import { SelectField } from '../../../components/form/SelectField';
import { Loader } from '../../../components/Loader';
import { LoadError } from '../../../components/LoadError';
import { useApiData } from '../../../hooks/useApiData';
import { TextAreaField } from '../../../components/applications/TextAreaField';
import { useRowKeys } from '../../../components/applications/useRowKeys';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/form/FieldError';
import { TextField } from '../../../components/form/TextField';
import { day } from '../../../components/applications/format';
import type { PartProps } from '../ApplicationPartPage';

/** Title, summary, goals with indicators and target values, target groups. */
export function ProjectPart({ content, title, change, changeTitle, errorOf }: PartProps) {
  const { t } = useTranslation();
  const goals = content.goals ?? [];
  const groups = content.targetGroups ?? [];
  const goalRows = useRowKeys(goals.length);
  const groupRows = useRowKeys(groups.length);
  const setGoal = (index: number, patch: Partial<Goal>) =>
    change((c) => ({ ...c, goals: (c.goals ?? []).map((g, i) => (i === index ? { ...g, ...patch } : g)) }));
  const goalsError = errorOf('goals');
  const groupsError = errorOf('targetGroups');

  return (
    <>
      <TextField
        id="antrag-titel"
        label={t('applicationForm.project.title')}
        hint={t('applicationForm.project.titleHint')}
        maxLength={300}
        value={title}
        error={errorOf('title')}
        onChange={changeTitle}
      />
      <TextAreaField
        id="antrag-kurzbeschreibung"
        label={t('applicationForm.project.summary')}
        hint={t('applicationForm.project.summaryHint')}
        rows={8}
        value={content.summary ?? ''}
        error={errorOf('summary')}
        onChange={(summary) => change((c) => ({ ...c, summary }))}
      />

      <fieldset
        className="kern-fieldset form-section"
        aria-describedby={goalsError ? 'ziele-fehler' : 'ziele-hinweis'}
      >
        <legend className="kern-label kern-label--large">{t('applicationForm.project.goals')}</legend>
        <div className="kern-hint" id="ziele-hinweis">
          {t('applicationForm.project.goalsHint')}
        </div>
        {goalsError && <FieldError id="ziele-fehler" message={goalsError} />}
        <ol className="plan-editor__rows">
          {goals.map((goal, index) => (
            <li key={goalRows.keys[index]} className="plan-editor__row">
              <fieldset className="kern-fieldset">
                <legend className="kern-label">
                  {t('applicationForm.project.goalNumber', { number: index + 1 })}
                </legend>
                <div className="kern-fieldset__body">
                  <TextField
                    id={`ziel-${index}-goal`}
                    label={t('applicationForm.project.goal')}
                    value={goal.goal ?? ''}
                    error={errorOf(`goals.${index}.goal`)}
                    onChange={(value) => setGoal(index, { goal: value })}
                  />
                  <TextField
                    id={`ziel-${index}-indicator`}
                    label={t('applicationForm.project.indicator')}
                    hint={t('applicationForm.project.indicatorHint')}
                    value={goal.indicator ?? ''}
                    error={errorOf(`goals.${index}.indicator`)}
                    onChange={(value) => setGoal(index, { indicator: value })}
                  />
                  <TextField
                    id={`ziel-${index}-targetValue`}
                    label={t('applicationForm.project.targetValue')}
                    hint={t('applicationForm.project.targetValueHint')}
                    value={goal.targetValue ?? ''}
                    error={errorOf(`goals.${index}.targetValue`)}
                    onChange={(value) => setGoal(index, { targetValue: value })}
                  />
                </div>
                <div>
                  <Button
                    variant="tertiary"
                    icon="delete"
                    label={t('applicationForm.project.removeGoal', { number: index + 1 })}
                    onClick={() => {
                      goalRows.removed(index);
                      change((c) => ({ ...c, goals: (c.goals ?? []).filter((_, i) => i !== index) }));
                    }}
                  />
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <div>
          <Button
            variant="secondary"
            icon="add"
            label={t('applicationForm.project.addGoal')}
            onClick={() => {
              goalRows.added();
              change((c) => ({
                ...c,
                goals: [...(c.goals ?? []), { goal: '', indicator: '', targetValue: '' }],
              }));
            }}
          />
        </div>
      </fieldset>

      <fieldset
        className="kern-fieldset form-section"
        aria-describedby={groupsError ? 'zielgruppen-fehler' : 'zielgruppen-hinweis'}
      >
        <legend className="kern-label kern-label--large">{t('applicationForm.project.targetGroups')}</legend>
        <div className="kern-hint" id="zielgruppen-hinweis">
          {t('applicationForm.project.targetGroupsHint')}
        </div>
        {groupsError && <FieldError id="zielgruppen-fehler" message={groupsError} />}
        <ul className="target-groups">
          {groups.map((group, index) => (
            <li key={groupRows.keys[index]} className="target-groups__item">
              <TextField
                id={`zielgruppe-${index}`}
                label={t('applicationForm.project.targetGroupNumber', { number: index + 1 })}
                value={group}
                error={errorOf(`targetGroups.${index}`)}
                onChange={(value) =>
                  change((c) => ({
                    ...c,
                    targetGroups: (c.targetGroups ?? []).map((g, i) => (i === index ? value : g)),
                  }))
                }
              />
              <Button
                variant="tertiary"
                icon="delete"
                label={t('applicationForm.project.removeTargetGroup', { number: index + 1 })}
                onClick={() => {
                  groupRows.removed(index);
                  change((c) => ({
                    ...c,
                    targetGroups: (c.targetGroups ?? []).filter((_, i) => i !== index),
                  }));
                }}
              />
            </li>
          ))}
        </ul>
        <div>
          <Button
            variant="secondary"
            icon="add"
            label={t('applicationForm.project.addTargetGroup')}
            onClick={() => {
              groupRows.added();
              change((c) => ({ ...c, targetGroups: [...(c.targetGroups ?? []), ''] }));
            }}
          />
        </div>
      </fieldset>
    </>
  );
}

/** Start and end of the project; it may start in the programme year at the earliest. */
export function PeriodPart({ detail, content, change, errorOf }: PartProps) {
  const { t } = useTranslation();
  const earliest = `${detail.call.programmeYear}-01-01`;
  return (
    <>
      <p className="kern-body">{t('applicationForm.period.intro', { earliest: day(earliest) })}</p>
      <TextField
        id="zeitraum-beginn"
        type="date"
        label={t('applicationForm.period.start')}
        hint={t('applicationForm.period.startHint', { earliest: day(earliest) })}
        min={earliest}
        value={content.periodStart ?? ''}
        error={errorOf('periodStart') ?? errorOf('period')}
        onChange={(periodStart) => change((c) => ({ ...c, periodStart: periodStart || undefined }))}
      />
      <TextField
        id="zeitraum-ende"
        type="date"
        label={t('applicationForm.period.end')}
        hint={t('applicationForm.period.endHint')}
        min={content.periodStart || earliest}
        value={content.periodEnd ?? ''}
        error={errorOf('periodEnd')}
        onChange={(periodEnd) => change((c) => ({ ...c, periodEnd: periodEnd || undefined }))}
      />
      <PredecessorField detail={detail} content={content} change={change} errorOf={errorOf} />
    </>
  );
}

/**
 * Whether the project continues an earlier one of the carrier, for the five-year limit: one of its
 * funded applications or a project of an earlier year the district imported (issue 21).
 */
function PredecessorField({
  detail,
  content,
  change,
  errorOf,
}: Pick<PartProps, 'detail' | 'content' | 'change' | 'errorOf'>) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => listPredecessorOptions(detail.id, { signal }),
    [detail.id],
  );
  const { state, reload } = useApiData(load);
  if (state.status === 'loading') return <Loader label={t('applicationForm.predecessor.loading')} />;
  if (state.status === 'failed') {
    return (
      <LoadError title={t('applicationForm.predecessor.loadFailed')} error={state.error} onRetry={reload} />
    );
  }
  const period = (o: PredecessorOption) =>
    o.periodStart && o.periodEnd ? ` (${day(o.periodStart)} – ${day(o.periodEnd)})` : '';
  const options = state.data.items.map((o) => ({
    value: o.id,
    label:
      o.kind === 'imported'
        ? t('applicationForm.predecessor.imported', {
            fund: o.fundKind ? t(`finance.kinds.${o.fundKind}`) : '',
            year: o.programmeYear,
            title: o.title,
            period: period(o),
          })
        : t('applicationForm.predecessor.application', {
            reference: o.reference ?? '',
            title: o.title,
            period: period(o),
          }),
  }));
  return (
    <SelectField
      id="vorgaenger"
      label={t('applicationForm.predecessor.label')}
      hint={t(options.length > 0 ? 'applicationForm.predecessor.hint' : 'applicationForm.predecessor.none')}
      optional
      value={content.predecessorId ?? ''}
      options={[{ value: '', label: t('applicationForm.predecessor.new') }, ...options]}
      error={errorOf('predecessorId')}
      onChange={(predecessorId) => change((c) => ({ ...c, predecessorId: predecessorId || undefined }))}
    />
  );
}

export function EvaluationPart({ content, change, errorOf }: PartProps) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      id="evaluationskonzept"
      label={t('applicationForm.evaluation.concept')}
      hint={t('applicationForm.evaluation.hint')}
      rows={10}
      value={content.evaluationConcept ?? ''}
      error={errorOf('evaluationConcept')}
      onChange={(evaluationConcept) => change((c) => ({ ...c, evaluationConcept }))}
    />
  );
}
