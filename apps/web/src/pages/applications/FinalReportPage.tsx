import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type CostCategory,
  costCategories,
  listPlanChanges,
  newIdempotencyKey,
  type PlanChange,
  sendEvent,
} from '../../api/applications';
import { AmountField } from '../../components/applications/AmountField';
import { money } from '../../components/applications/format';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FieldSpec } from '../../components/form/formErrors';
import { SelectField } from '../../components/form/SelectField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { applicationPath } from '../../paths';
import { compareAmountsWithPlan, sumCents } from '@kiezfonds/domain';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { useApiData } from '../../hooks/useApiData';
import { NotFoundPage } from '../NotFoundPage';
import type { OverviewState } from './ApplicationOverviewPage';
import { useApplicationDraft } from './draftContext';
import { ActualsTable } from './ImplementationSection';
import type { Message } from '../../components/form/formErrors';

type ActualRow = {
  cashYear: number;
  category: CostCategory;
  amountCents: string;
  /** The VAT contained in the amount; asked only where costs count net. */
  vatCents: string;
  planned: boolean;
};

/**
 * The proof of use (Verwendungsnachweis): the factual report and the actual costs per cash year
 * and category against the plan. Lines that overrun their plan by more than 20 % are flagged
 * while typing; the server records the same comparison.
 */
export function FinalReportPage() {
  const { t } = useTranslation();
  const { detail } = useApplicationDraft();
  // Changes to the plan approved after the notice are planned lines too, as in the settlement.
  const load = useCallback((signal: AbortSignal) => listPlanChanges(detail.id, { signal }), [detail.id]);
  const { state, reload } = useApiData(load);
  if (!detail.allowedEvents.includes('SUBMIT_FINAL_REPORT')) return <NotFoundPage />;
  if (state.status === 'loaded') return <FinalReportForm approvedChanges={state.data.items} />;
  return (
    <Page title={t('finalReport.title')} heading={t('finalReport.title')}>
      {state.status === 'loading' ? (
        <Loader label={t('implementation.loading')} />
      ) : (
        <LoadError title={t('implementation.loadFailed')} error={state.error} onRetry={reload} />
      )}
    </Page>
  );
}

function FinalReportForm({ approvedChanges }: { approvedChanges: readonly PlanChange[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const draft = useApplicationDraft();
  const { detail } = draft;
  // An organisation entitled to deduct input tax states the VAT it paid: only net costs count.
  const net = detail.costBasis === 'net';
  const plan = [...(detail.content.costPlan ?? []), ...approvedChanges];
  const plannedLines = compareAmountsWithPlan(plan, []);
  const [text, setText] = useState('');
  const [rows, setRows] = useState<ActualRow[]>(() =>
    plannedLines.map((line) => ({
      cashYear: line.cashYear,
      category: line.category as CostCategory,
      amountCents: '',
      vatCents: '',
      planned: true,
    })),
  );
  const [extraYear, setExtraYear] = useState(String(plannedLines[0]?.cashYear ?? detail.call.programmeYear));
  const [extraCategory, setExtraCategory] = useState<CostCategory>('material');
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);

  const fields = useMemo(() => {
    const specs: Record<string, FieldSpec> = { text: { id: 'nachweis-text', label: t('finalReport.text') } };
    rows.forEach((row, index) => {
      specs[`actuals.${index}.amountCents`] = {
        id: `nachweis-ist-${index}`,
        label: t('finalReport.lineLabel', {
          year: row.cashYear,
          category: t(`costCategories.${row.category}`),
        }),
      };
      specs[`actuals.${index}.vatCents`] = {
        id: `nachweis-ust-${index}`,
        label: t('finalReport.vatLabel', {
          year: row.cashYear,
          category: t(`costCategories.${row.category}`),
        }),
      };
    });
    specs.actuals = { id: 'nachweis-ist-0', label: t('finalReport.actualsHeading') };
    return specs;
  }, [rows, t]);
  const form = useFormErrors(fields);

  const actuals = rows.map((row) => ({
    cashYear: row.cashYear,
    category: row.category,
    amountCents: row.amountCents || '0',
    ...(net && row.vatCents ? { vatCents: row.vatCents } : {}),
  }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, Message> = {};
    if (!text.trim()) problems.text = (tr) => tr('finalReport.textRequired');
    rows.forEach((row, index) => {
      if (row.amountCents === '')
        problems[`actuals.${index}.amountCents`] = (tr) => tr('finalReport.amountRequired');
      else if (net && row.vatCents && BigInt(row.vatCents) > BigInt(row.amountCents)) {
        problems[`actuals.${index}.vatCents`] = (tr) => tr('finalReport.vatAboveAmount');
      }
    });
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    setBusy(true);
    key.current ??= newIdempotencyKey();
    try {
      const transition = await sendEvent(
        detail.id,
        { type: 'SUBMIT_FINAL_REPORT', version: draft.currentVersion(), text: text.trim(), actuals },
        key.current,
      );
      draft.afterTransition(transition);
      const state: OverviewState = { done: 'finalReport' };
      await navigate(applicationPath(detail.id), { state });
    } catch (error) {
      key.current = null;
      form.showApiError(error);
      setBusy(false);
    }
  }

  const years = [...new Set([...plannedLines.map((l) => l.cashYear), detail.call.programmeYear])].sort(
    (a, b) => a - b,
  );

  return (
    <Page title={t('finalReport.title')} heading={t('finalReport.title')} hasErrors={form.failed}>
      <p className="kern-body">
        <TextLink to={applicationPath(detail.id)}>
          {t('applicationForm.backToOverview', { title: detail.title })}
        </TextLink>
      </p>
      <p className="kern-body">{t('finalReport.intro')}</p>
      <ErrorSummary {...form.summaryProps} />
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        <TextAreaField
          id="nachweis-text"
          label={t('finalReport.text')}
          hint={t('finalReport.textHint')}
          rows={12}
          value={text}
          error={form.fieldError('text')}
          onChange={setText}
        />
        <fieldset className="kern-fieldset form-section">
          <legend className="kern-label kern-label--large">{t('finalReport.actualsHeading')}</legend>
          <div className="kern-hint">{t('finalReport.actualsHint')}</div>
          <ul className="plan-editor__rows">
            {rows.map((row, index) => {
              const planned = sumCents(
                plan
                  .filter((l) => l.cashYear === row.cashYear && l.category === row.category)
                  .map((l) => l.amountCents),
              );
              return (
                <li key={`${row.cashYear}-${row.category}`} className="final-report__row">
                  <AmountField
                    id={`nachweis-ist-${index}`}
                    label={t('finalReport.lineLabel', {
                      year: row.cashYear,
                      category: t(`costCategories.${row.category}`),
                    })}
                    hint={
                      row.planned
                        ? t('finalReport.plannedHint', { amount: money(planned) })
                        : t('finalReport.unplannedHint')
                    }
                    cents={row.amountCents}
                    error={form.fieldError(`actuals.${index}.amountCents`)}
                    onChange={(cents) =>
                      setRows((current) =>
                        current.map((r, i) => (i === index ? { ...r, amountCents: cents ?? '' } : r)),
                      )
                    }
                  />
                  {net && (
                    <AmountField
                      id={`nachweis-ust-${index}`}
                      label={t('finalReport.vatLabel', {
                        year: row.cashYear,
                        category: t(`costCategories.${row.category}`),
                      })}
                      hint={t('finalReport.vatHint')}
                      optional
                      cents={row.vatCents}
                      error={form.fieldError(`actuals.${index}.vatCents`)}
                      onChange={(cents) =>
                        setRows((current) =>
                          current.map((r, i) => (i === index ? { ...r, vatCents: cents ?? '' } : r)),
                        )
                      }
                    />
                  )}
                  {!row.planned && (
                    <Button
                      variant="tertiary"
                      icon="delete"
                      label={t('finalReport.removeLine', {
                        year: row.cashYear,
                        category: t(`costCategories.${row.category}`),
                      })}
                      onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
                    />
                  )}
                </li>
              );
            })}
          </ul>
          <div className="final-report__extra">
            <SelectField
              id="nachweis-neu-jahr"
              label={t('planEditor.cashYear')}
              value={extraYear}
              options={years.map((year) => ({ value: String(year), label: String(year) }))}
              onChange={setExtraYear}
            />
            <SelectField
              id="nachweis-neu-kategorie"
              label={t('planEditor.costs.category')}
              value={extraCategory}
              options={costCategories.map((c) => ({ value: c, label: t(`costCategories.${c}`) }))}
              onChange={(value) => setExtraCategory(value as CostCategory)}
            />
            <Button
              variant="secondary"
              icon="add"
              label={t('finalReport.addLine')}
              disabled={rows.some((r) => r.cashYear === Number(extraYear) && r.category === extraCategory)}
              onClick={() =>
                setRows((current) => [
                  ...current,
                  {
                    cashYear: Number(extraYear),
                    category: extraCategory,
                    amountCents: '',
                    vatCents: '',
                    planned: false,
                  },
                ])
              }
            />
          </div>
        </fieldset>
        <ActualsTable detail={detail} actuals={actuals} />
        <p className="kern-body kern-body--bold" role="status">
          {t('finalReport.spent', { amount: money(sumCents(actuals.map((a) => a.amountCents))) })}
        </p>
        <div>
          <Button type="submit" label={t('finalReport.submit')} disabled={busy} />
        </div>
      </form>
    </Page>
  );
}
