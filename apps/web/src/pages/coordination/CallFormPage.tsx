import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  type Call,
  type CallFields,
  createCall,
  getCall,
  listDistrictActionFields,
  listDistrictAreas,
  type RequiredAttachment,
  updateCall,
} from '../../api/applications';
import { AmountField } from '../../components/applications/AmountField';
import { CheckboxListField } from '../../components/applications/CheckboxListField';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { useRowKeys } from '../../components/applications/useRowKeys';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { FieldError } from '../../components/form/FieldError';
import type { FieldSpec } from '../../components/form/formErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { callPath, paths } from '../../paths';
import { useSession } from '../../session/SessionContext';
import { districtsWhere } from '../../session/roles';
import { attachmentKey } from '../../utils/attachmentKey';
import { programmeYears } from '../../utils/programmeYears';
import { berlinDateTime, berlinDayAndTime, currentBerlinYear, isCalendarDay } from '../../utils/berlinTime';
import type { Message } from '../../components/form/formErrors';

type Values = {
  districtId: string;
  title: string;
  description: string;
  programmeYear: string;
  expectedBudgetCents: string | null;
  deadlineDay: string;
  deadlineTime: string;
  minAmountCents: string | null;
  maxAmountCents: string | null;
  actionFieldIds: string[];
  areaIds: string[];
  requiredAttachments: RequiredAttachment[];
};

function valuesOf(call: Call | null, districtId: string): Values {
  if (!call) {
    return {
      districtId,
      title: '',
      description: '',
      programmeYear: String(currentBerlinYear() + 1),
      expectedBudgetCents: '',
      deadlineDay: '',
      deadlineTime: '23:59',
      minAmountCents: '',
      maxAmountCents: '',
      actionFieldIds: [],
      areaIds: [],
      requiredAttachments: [],
    };
  }
  const deadline = berlinDayAndTime(call.submissionDeadline);
  return {
    districtId: call.districtId,
    title: call.title,
    description: call.description,
    programmeYear: String(call.programmeYear),
    expectedBudgetCents: call.expectedBudgetCents,
    deadlineDay: deadline.day,
    deadlineTime: deadline.time,
    minAmountCents: call.minAmountCents ?? '',
    maxAmountCents: call.maxAmountCents ?? '',
    actionFieldIds: call.actionFields.map((f) => f.id),
    areaIds: call.areas.map((a) => a.id),
    requiredAttachments: call.requiredAttachments,
  };
}

function withKeys(attachments: readonly RequiredAttachment[]): RequiredAttachment[] {
  const taken = attachments.map((a) => a.key).filter(Boolean);
  return attachments.map((attachment) => {
    const label = attachment.label.trim();
    if (attachment.key) return { key: attachment.key, label };
    const key = attachmentKey(label, taken);
    taken.push(key);
    return { key, label };
  });
}

/** Create (`/aufrufe/neu`) or change (`/aufrufe/:id/bearbeiten`) a call. */
export function CallFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { me } = useSession();
  const districts = me ? districtsWhere(me, 'coordinator') : [];
  const load = useCallback(async (signal: AbortSignal) => (id ? getCall(id, { signal }) : null), [id]);
  const { state, reload } = useApiData(load);
  const heading = id ? t('callAdmin.editTitle') : t('callAdmin.newTitle');
  return (
    <Page title={heading} heading={heading}>
      <p className="kern-body">
        <TextLink to={id ? callPath(id) : paths.calls}>
          {id ? t('callAdmin.backToCall') : t('callAdmin.back')}
        </TextLink>
      </p>
      {state.status === 'loading' && <Loader label={t('callAdmin.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('callAdmin.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && <CallForm key={id ?? 'neu'} call={state.data} districts={districts} />}
    </Page>
  );
}

function CallForm({ call, districts }: { call: Call | null; districts: string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(() => valuesOf(call, districts[0] ?? ''));
  const [busy, setBusy] = useState(false);
  const attachmentRows = useRowKeys(values.requiredAttachments.length);
  const loadReference = useCallback(
    async (signal: AbortSignal) => {
      const [areas, actionFields] = await Promise.all([
        listDistrictAreas(values.districtId, { signal }),
        listDistrictActionFields(values.districtId, { signal }),
      ]);
      return { areas: areas.items, actionFields: actionFields.items };
    },
    [values.districtId],
  );
  const reference = useApiData(loadReference);
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  const fields = useMemo(() => {
    const specs: Record<string, FieldSpec> = {
      districtId: { id: 'aufruf-bezirk', label: t('callAdmin.fields.district') },
      title: { id: 'aufruf-titel', label: t('callAdmin.fields.title') },
      description: { id: 'aufruf-beschreibung', label: t('callAdmin.fields.description') },
      programmeYear: { id: 'aufruf-programmjahr', label: t('callAdmin.fields.programmeYear') },
      expectedBudgetCents: { id: 'aufruf-budget', label: t('callAdmin.fields.expectedBudget') },
      submissionDeadline: { id: 'aufruf-frist-tag', label: t('callAdmin.fields.deadline') },
      minAmountCents: { id: 'aufruf-minimum', label: t('callAdmin.fields.minAmount') },
      maxAmountCents: { id: 'aufruf-maximum', label: t('callAdmin.fields.maxAmount') },
      actionFieldIds: { id: 'aufruf-handlungsfelder', label: t('applicationForm.scope.actionFields') },
      areaIds: { id: 'aufruf-gebiete', label: t('applicationForm.scope.areas') },
      requiredAttachments: { id: 'aufruf-anlagen', label: t('callAdmin.fields.requiredAttachments') },
    };
    values.requiredAttachments.forEach((_, index) => {
      specs[`requiredAttachments.${index}.label`] = {
        id: `aufruf-anlage-${index}`,
        label: t('callAdmin.attachmentNumber', { number: index + 1 }),
      };
    });
    return specs;
  }, [t, values.requiredAttachments]);
  const form = useFormErrors(fields);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, Message> = {};
    if (!values.title.trim()) problems.title = (tr) => tr('callAdmin.errors.titleRequired');
    if (!/^\d{4}$/.test(values.programmeYear))
      problems.programmeYear = (tr) => tr('callAdmin.errors.yearInvalid');
    if (
      values.expectedBudgetCents === null ||
      values.expectedBudgetCents === '' ||
      values.expectedBudgetCents === '0'
    )
      problems.expectedBudgetCents = (tr) => tr('callAdmin.errors.budgetRequired');
    if (!isCalendarDay(values.deadlineDay) || !/^\d{2}:\d{2}$/.test(values.deadlineTime))
      problems.submissionDeadline = (tr) => tr('callAdmin.errors.deadlineRequired');
    if (values.minAmountCents === null)
      problems.minAmountCents = (tr) => tr('applicationForm.amountUnreadable');
    if (values.maxAmountCents === null)
      problems.maxAmountCents = (tr) => tr('applicationForm.amountUnreadable');
    if (values.actionFieldIds.length === 0)
      problems.actionFieldIds = (tr) => tr('callAdmin.errors.actionFieldsRequired');
    if (values.areaIds.length === 0) problems.areaIds = (tr) => tr('callAdmin.errors.areasRequired');
    values.requiredAttachments.forEach((attachment, index) => {
      if (!attachment.label.trim())
        problems[`requiredAttachments.${index}.label`] = (tr) => tr('callAdmin.errors.attachmentLabel');
    });
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    const body: CallFields = {
      title: values.title.trim(),
      description: values.description.trim(),
      programmeYear: Number(values.programmeYear),
      expectedBudgetCents: values.expectedBudgetCents!,
      submissionDeadline: berlinDateTime(
        values.deadlineDay,
        values.deadlineTime,
        values.deadlineTime === '23:59' ? '59' : '00',
      ),
      minAmountCents: values.minAmountCents || undefined,
      maxAmountCents: values.maxAmountCents || undefined,
      actionFieldIds: values.actionFieldIds,
      areaIds: values.areaIds,
      requiredAttachments: withKeys(values.requiredAttachments),
    };
    setBusy(true);
    try {
      const saved = call
        ? await updateCall(call.id, body)
        : await createCall({ ...body, districtId: values.districtId });
      await navigate(callPath(saved.id), { state: { saved: true } });
    } catch (error) {
      form.showApiError(error);
      setBusy(false);
    }
  }

  const years = programmeYears(Number(values.programmeYear) || undefined);

  return (
    <>
      <ErrorSummary {...form.summaryProps} />
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        {!call && districts.length > 1 && (
          <SelectField
            id="aufruf-bezirk"
            label={t('callAdmin.fields.district')}
            value={values.districtId}
            options={districts.map((d) => ({
              value: d,
              label: t('callAdmin.districtOf', { id: d.slice(0, 8) }),
            }))}
            error={form.fieldError('districtId')}
            onChange={(districtId) =>
              setValues((v) => ({ ...v, districtId, actionFieldIds: [], areaIds: [] }))
            }
          />
        )}
        <p className="kern-body">{t('callAdmin.fundNote')}</p>
        <TextField
          id="aufruf-titel"
          label={t('callAdmin.fields.title')}
          hint={t('callAdmin.fields.titleHint')}
          maxLength={200}
          value={values.title}
          error={form.fieldError('title')}
          onChange={set('title')}
        />
        <TextAreaField
          id="aufruf-beschreibung"
          label={t('callAdmin.fields.description')}
          optional
          rows={6}
          value={values.description}
          error={form.fieldError('description')}
          onChange={set('description')}
        />
        <SelectField
          id="aufruf-programmjahr"
          label={t('callAdmin.fields.programmeYear')}
          value={values.programmeYear}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          error={form.fieldError('programmeYear')}
          onChange={set('programmeYear')}
        />
        <AmountField
          id="aufruf-budget"
          label={t('callAdmin.fields.expectedBudget')}
          hint={t('callAdmin.fields.expectedBudgetHint')}
          cents={values.expectedBudgetCents ?? ''}
          error={form.fieldError('expectedBudgetCents')}
          onChange={set('expectedBudgetCents')}
        />
        <fieldset
          className={`kern-fieldset${form.fieldError('submissionDeadline') ? ' kern-fieldset--error' : ''}`}
          aria-describedby={
            form.fieldError('submissionDeadline') ? 'aufruf-frist-error' : 'aufruf-frist-hint'
          }
        >
          <legend className="kern-label">{t('callAdmin.fields.deadline')}</legend>
          <div className="kern-hint" id="aufruf-frist-hint">
            {t('callAdmin.fields.deadlineHint')}
          </div>
          <div className="kern-fieldset__body kern-fieldset__body--horizontal">
            <TextField
              id="aufruf-frist-tag"
              type="date"
              label={t('callAdmin.fields.deadlineDay')}
              value={values.deadlineDay}
              onChange={set('deadlineDay')}
            />
            <TextField
              id="aufruf-frist-zeit"
              type="time"
              label={t('callAdmin.fields.deadlineTime')}
              value={values.deadlineTime}
              onChange={set('deadlineTime')}
            />
          </div>
          {form.fieldError('submissionDeadline') && (
            <FieldError id="aufruf-frist-error" message={form.fieldError('submissionDeadline')!} />
          )}
        </fieldset>
        <AmountField
          id="aufruf-minimum"
          label={t('callAdmin.fields.minAmount')}
          hint={t('callAdmin.fields.minAmountHint')}
          optional
          cents={values.minAmountCents ?? ''}
          error={form.fieldError('minAmountCents')}
          onChange={set('minAmountCents')}
        />
        <AmountField
          id="aufruf-maximum"
          label={t('callAdmin.fields.maxAmount')}
          optional
          cents={values.maxAmountCents ?? ''}
          error={form.fieldError('maxAmountCents')}
          onChange={set('maxAmountCents')}
        />
        {reference.state.status === 'loading' && <Loader label={t('callAdmin.referenceLoading')} />}
        {reference.state.status === 'failed' && (
          <LoadError
            title={t('callAdmin.referenceFailed')}
            error={reference.state.error}
            onRetry={reference.reload}
          />
        )}
        {reference.state.status === 'loaded' && (
          <>
            <CheckboxListField
              id="aufruf-handlungsfelder"
              legend={t('applicationForm.scope.actionFields')}
              hint={t('callAdmin.fields.actionFieldsHint')}
              options={reference.state.data.actionFields.map((f) => ({ value: f.id, label: f.name }))}
              values={values.actionFieldIds}
              error={form.fieldError('actionFieldIds')}
              onChange={set('actionFieldIds')}
            />
            <CheckboxListField
              id="aufruf-gebiete"
              legend={t('applicationForm.scope.areas')}
              hint={t('callAdmin.fields.areasHint')}
              options={reference.state.data.areas.map((a) => ({
                value: a.id,
                label: `${a.name} (${t(`callAdmin.areaKinds.${a.kind as 'qm_area'}`, { defaultValue: a.kind })})`,
              }))}
              values={values.areaIds}
              error={form.fieldError('areaIds')}
              onChange={set('areaIds')}
            />
          </>
        )}
        <fieldset className="kern-fieldset form-section" aria-describedby="aufruf-anlagen-hint">
          <legend className="kern-label">{t('callAdmin.fields.requiredAttachments')}</legend>
          <div className="kern-hint" id="aufruf-anlagen-hint">
            {t('callAdmin.fields.requiredAttachmentsHint')}
          </div>
          <div id="aufruf-anlagen" tabIndex={-1} className="focus-target">
            {form.fieldError('requiredAttachments') && (
              <FieldError id="aufruf-anlagen-error" message={form.fieldError('requiredAttachments')!} />
            )}
          </div>
          <ul className="target-groups">
            {values.requiredAttachments.map((attachment, index) => (
              <li key={attachmentRows.keys[index]} className="target-groups__item">
                <TextField
                  id={`aufruf-anlage-${index}`}
                  label={t('callAdmin.attachmentNumber', { number: index + 1 })}
                  value={attachment.label}
                  error={form.fieldError(`requiredAttachments.${index}.label`)}
                  onChange={(label) =>
                    setValues((v) => ({
                      ...v,
                      requiredAttachments: v.requiredAttachments.map((a, i) =>
                        i === index ? { ...a, label } : a,
                      ),
                    }))
                  }
                />
                <Button
                  variant="tertiary"
                  icon="delete"
                  label={t('callAdmin.removeAttachment', { number: index + 1 })}
                  onClick={() => {
                    attachmentRows.removed(index);
                    setValues((v) => ({
                      ...v,
                      requiredAttachments: v.requiredAttachments.filter((_, i) => i !== index),
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
              label={t('callAdmin.addAttachment')}
              onClick={() => {
                attachmentRows.added();
                setValues((v) => ({
                  ...v,
                  requiredAttachments: [
                    ...v.requiredAttachments,
                    // The key is made from the label on saving; existing keys never change (uploads refer to them).
                    { key: '', label: '' },
                  ],
                }));
              }}
            />
          </div>
        </fieldset>
        <div>
          <Button
            type="submit"
            label={call ? t('callAdmin.saveChanges') : t('callAdmin.create')}
            disabled={busy}
          />
        </div>
      </form>
    </>
  );
}
