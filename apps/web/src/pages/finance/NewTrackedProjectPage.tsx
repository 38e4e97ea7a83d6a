import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type Carrier,
  getFund,
  listActionFields,
  listAreas,
  listCarriers,
  type NewTrackedProject,
  recordTrackedProject,
} from '../../api/funds';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { describeError } from '../../components/form/formErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { fundPath } from '../../paths';
import { isCalendarDay } from '../../utils/berlinTime';
import { parseGermanAmount } from '../../utils/amountInput';
import { yearFromSearch } from './financeShared';
import type { Message } from '../../components/form/formErrors';

/** Where the fund page shows that a project was recorded (router state). */
export type RecordedProjectState = { recordedProject?: string };

/** The server shows as many carriers at once; more means the search should be narrower. */
const carrierPageSize = 100;

/**
 * Records a project of an Aktions-, Projekt- or Baufonds as finance staff know it from the
 * decision: carrier, title, area, action field, decision date, period and amount. Recording books
 * nothing; the commitment follows on the fund page.
 */
export function NewTrackedProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const year = yearFromSearch(search.get('jahr'));

  const load = useCallback(
    async (signal: AbortSignal) => {
      const fund = await getFund(id, { signal });
      const [areas, actionFields] = await Promise.all([
        listAreas(fund.districtId, { signal }),
        listActionFields(fund.districtId, { signal }),
      ]);
      return { fund, areas: areas.items, actionFields: actionFields.items };
    },
    [id],
  );
  const { state, reload } = useApiData(load);
  const [hasErrors, setHasErrors] = useState(false);
  const title = t('trackedProjects.newTitle');

  return (
    <Page title={title} heading={title} hasErrors={hasErrors}>
      <p className="kern-body">
        <TextLink to={`${fundPath(id)}?jahr=${year}`}>{t('trackedProjects.backToFund')}</TextLink>
      </p>
      {state.status === 'loading' && <Loader label={t('fund.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('fund.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.fund.kind === 'netzwerkfonds' ? (
          <Alert variant="info" title={t('trackedProjects.netzwerkfondsTitle')}>
            <p className="kern-body">{t('trackedProjects.netzwerkfonds')}</p>
          </Alert>
        ) : (
          <TrackedProjectForm
            fundId={id}
            fundName={state.data.fund.name}
            fundAreaId={state.data.fund.areaId}
            year={year}
            areas={state.data.areas}
            actionFields={state.data.actionFields}
            onErrors={setHasErrors}
          />
        ))}
    </Page>
  );
}

function TrackedProjectForm({
  fundId,
  fundName,
  fundAreaId,
  year,
  areas,
  actionFields,
  onErrors,
}: {
  fundId: string;
  fundName: string;
  fundAreaId: string | null;
  year: number;
  areas: readonly { id: string; name: string }[];
  actionFields: readonly { id: string; name: string }[];
  onErrors(failed: boolean): void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [carrierQuery, setCarrierQuery] = useState('');
  const [carriers, setCarriers] = useState<{ items: Carrier[]; total: number } | null>(null);
  const [carrierLoadError, setCarrierLoadError] = useState<string | null>(null);
  const [organisationId, setOrganisationId] = useState('');
  const [chosenCarrier, setChosenCarrier] = useState<Carrier | null>(null);
  const [title, setTitle] = useState('');
  const [areaId, setAreaId] = useState(fundAreaId ?? '');
  const [actionFieldId, setActionFieldId] = useState('');
  const [decisionDate, setDecisionDate] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  // Searching as one types, a moment after the last key, so not every letter asks the server.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      listCarriers(fundId, carrierQuery, { signal: controller.signal }).then(
        (page) => {
          setCarriers({ items: page.items, total: page.total });
          setCarrierLoadError(null);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setCarrierLoadError(describeError(error, t));
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [fundId, carrierQuery, t]);

  const fields = useMemo(
    () => ({
      organisationId: { id: 'projekt-traeger', label: t('trackedProjects.fields.carrier') },
      title: { id: 'projekt-titel', label: t('trackedProjects.fields.title') },
      areaId: { id: 'projekt-gebiet', label: t('trackedProjects.fields.area') },
      actionFieldId: { id: 'projekt-handlungsfeld', label: t('trackedProjects.fields.actionField') },
      decisionDate: { id: 'projekt-entscheidung', label: t('trackedProjects.fields.decisionDate') },
      periodStart: { id: 'projekt-beginn', label: t('trackedProjects.fields.periodStart') },
      periodEnd: { id: 'projekt-ende', label: t('trackedProjects.fields.periodEnd') },
      amountCents: { id: 'projekt-betrag', label: t('trackedProjects.fields.amount') },
    }),
    [t],
  );
  const form = useFormErrors(fields);
  useEffect(() => onErrors(form.failed), [form.failed, onErrors]);

  // The chosen carrier stays an option while a new search does not find it.
  const carrierOptions = carriers?.items ?? [];
  const shownCarriers =
    chosenCarrier && !carrierOptions.some((c) => c.id === chosenCarrier.id)
      ? [chosenCarrier, ...carrierOptions]
      : carrierOptions;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    const cents = parseGermanAmount(amount);
    const problems: Partial<Record<keyof typeof fields, Message>> = {};
    if (!organisationId) problems.organisationId = (tr) => tr('trackedProjects.errors.carrier');
    if (!title.trim()) problems.title = (tr) => tr('trackedProjects.errors.title');
    if (!areaId) problems.areaId = (tr) => tr('trackedProjects.errors.area');
    for (const field of ['decisionDate', 'periodStart', 'periodEnd'] as const) {
      const value = { decisionDate, periodStart, periodEnd }[field];
      if (!value) problems[field] = (tr) => tr('trackedProjects.errors.dateRequired');
      else if (!isCalendarDay(value)) problems[field] = (tr) => tr('trackedProjects.errors.dateInvalid');
    }
    if (!problems.periodStart && !problems.periodEnd && periodEnd < periodStart) {
      problems.periodEnd = (tr) => tr('trackedProjects.errors.periodEnd');
    }
    if (!amount.trim()) problems.amountCents = (tr) => tr('fund.booking.amountRequired');
    else if (cents === null || cents === '0') problems.amountCents = (tr) => tr('fund.booking.amountInvalid');
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    const project: NewTrackedProject = {
      organisationId,
      title: title.trim(),
      areaId,
      ...(actionFieldId && { actionFieldId }),
      decisionDate,
      periodStart,
      periodEnd,
      amountCents: cents!,
    };
    setBusy(true);
    try {
      const recorded = await recordTrackedProject(fundId, project);
      form.clear();
      const state: RecordedProjectState = { recordedProject: recorded.title };
      await navigate(`${fundPath(fundId)}?jahr=${year}`, { state });
    } catch (error) {
      if (isApiError(error) && error.status === 422) {
        form.clear();
        setRefusal(describeError(error, t));
      } else {
        form.showApiError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="kern-body">{t('trackedProjects.newIntro', { fund: fundName })}</p>
      <ErrorSummary {...form.summaryProps} />
      {refusal && (
        <Alert variant="danger" title={t('trackedProjects.refused')} role="alert">
          <p className="kern-body">{refusal}</p>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="form">
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('trackedProjects.carrierLegend')}</legend>
          <div className="kern-fieldset__body">
            <TextField
              id="projekt-traeger-suche"
              label={t('trackedProjects.fields.carrierSearch')}
              hint={t('trackedProjects.carrierSearchHint')}
              type="search"
              autoComplete="off"
              optional
              value={carrierQuery}
              onChange={setCarrierQuery}
            />
            <SelectField
              id={fields.organisationId.id}
              label={fields.organisationId.label}
              hint={
                carrierLoadError ??
                (carriers && carriers.total > carrierPageSize
                  ? t('trackedProjects.carrierMore', { shown: carrierPageSize, total: carriers.total })
                  : carriers
                    ? t('trackedProjects.carrierCount', { count: carriers.total })
                    : undefined)
              }
              value={organisationId}
              error={form.fieldError('organisationId')}
              options={[
                { value: '', label: t('trackedProjects.chooseCarrier') },
                ...shownCarriers.map((c) => ({ value: c.id, label: c.name })),
              ]}
              onChange={(value) => {
                setOrganisationId(value);
                setChosenCarrier(shownCarriers.find((c) => c.id === value) ?? null);
              }}
            />
          </div>
        </fieldset>
        <TextField
          id={fields.title.id}
          label={fields.title.label}
          value={title}
          maxLength={300}
          error={form.fieldError('title')}
          onChange={setTitle}
        />
        <SelectField
          id={fields.areaId.id}
          label={fields.areaId.label}
          value={areaId}
          error={form.fieldError('areaId')}
          options={[
            ...(areaId ? [] : [{ value: '', label: t('trackedProjects.chooseArea') }]),
            ...areas.map((a) => ({ value: a.id, label: a.name })),
          ]}
          onChange={setAreaId}
        />
        <SelectField
          id={fields.actionFieldId.id}
          label={fields.actionFieldId.label}
          optional
          value={actionFieldId}
          error={form.fieldError('actionFieldId')}
          options={[
            { value: '', label: t('trackedProjects.noActionField') },
            ...actionFields.map((f) => ({ value: f.id, label: f.name })),
          ]}
          onChange={setActionFieldId}
        />
        <TextField
          id={fields.decisionDate.id}
          label={fields.decisionDate.label}
          hint={t('trackedProjects.decisionDateHint')}
          type="date"
          value={decisionDate}
          error={form.fieldError('decisionDate')}
          onChange={setDecisionDate}
        />
        <TextField
          id={fields.periodStart.id}
          label={fields.periodStart.label}
          type="date"
          value={periodStart}
          error={form.fieldError('periodStart')}
          onChange={setPeriodStart}
        />
        <TextField
          id={fields.periodEnd.id}
          label={fields.periodEnd.label}
          type="date"
          value={periodEnd}
          error={form.fieldError('periodEnd')}
          onChange={setPeriodEnd}
        />
        <TextField
          id={fields.amountCents.id}
          label={fields.amountCents.label}
          hint={t('trackedProjects.amountHint')}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          error={form.fieldError('amountCents')}
          onChange={setAmount}
        />
        <Button type="submit" label={t('trackedProjects.submit')} disabled={busy} />
      </form>
    </>
  );
}
