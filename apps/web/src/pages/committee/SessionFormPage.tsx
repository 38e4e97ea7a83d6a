import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApplicationListItem, listApplications, newIdempotencyKey } from '../../api/applications';
import { type Committee, listCommittees, scheduleSession } from '../../api/committee';
import { CheckboxListField } from '../../components/applications/CheckboxListField';
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
import { paths, sessionPath } from '../../paths';
import { berlinDateTime, isCalendarDay } from '../../utils/berlinTime';
import type { Message } from '../../components/form/formErrors';

type Values = {
  committeeId: string;
  title: string;
  day: string;
  time: string;
  place: string;
  applicationIds: string[];
};

/** The applications a session may deal with: those before the committee (the API checks again). */
async function loadChoices(signal: AbortSignal) {
  const [committees, inReview, inPlanning] = await Promise.all([
    listCommittees({ signal }),
    listApplications({ state: 'in_review', pageSize: 100 }, { signal }),
    listApplications({ state: 'in_planning', pageSize: 100 }, { signal }),
  ]);
  return { committees: committees.items, applications: [...inReview.items, ...inPlanning.items] };
}

/**
 * `/sitzungen/neu`: the coordinator schedules a committee session with title, start, place and
 * the applications on its agenda, then lands on the session's page to invite and run it.
 */
export function SessionFormPage() {
  const { t } = useTranslation();
  const { state, reload } = useApiData(loadChoices);
  const [failed, setFailed] = useState(false);
  const heading = t('sessionForm.title');
  return (
    <Page title={heading} heading={heading} hasErrors={failed}>
      <p className="kern-body">
        <TextLink to={paths.sessions}>{t('sessionForm.back')}</TextLink>
      </p>
      {state.status === 'loading' && <Loader label={t('sessionForm.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('sessionForm.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.committees.length === 0 ? (
          <p className="kern-body">
            {t('sessionForm.noCommittee')}{' '}
            <TextLink to={paths.committees}>{t('sessionForm.toCommittees')}</TextLink>
          </p>
        ) : (
          <SessionForm
            committees={state.data.committees}
            applications={state.data.applications}
            onFailed={setFailed}
          />
        ))}
    </Page>
  );
}

function SessionForm({
  committees,
  applications,
  onFailed,
}: {
  committees: Committee[];
  applications: ApplicationListItem[];
  onFailed(failed: boolean): void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>({
    committeeId: committees[0]!.id,
    title: '',
    day: '',
    time: '',
    place: '',
    applicationIds: [],
  });
  const [busy, setBusy] = useState(false);
  // One key per opened form: a double click or a retry after a lost answer schedules one session.
  const idempotencyKey = useRef(newIdempotencyKey());
  // The agenda as last sent, to name the entries the API refused by position.
  const [sent, setSent] = useState<string[]>([]);
  const titleOf = useMemo(
    () => new Map(applications.map((a) => [a.id, `${a.title} (${a.reference}, ${a.organisationName})`])),
    [applications],
  );
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  const fields = useMemo(() => {
    const specs: Record<string, FieldSpec> = {
      committeeId: { id: 'sitzung-gremium', label: t('sessionForm.fields.committee') },
      title: { id: 'sitzung-titel', label: t('sessionForm.fields.title') },
      startsAt: { id: 'sitzung-tag', label: t('sessionForm.fields.startsAt') },
      place: { id: 'sitzung-ort', label: t('sessionForm.fields.place') },
      applicationIds: { id: 'sitzung-tagesordnung', label: t('sessionForm.fields.agenda') },
    };
    // The API names a refused entry by its position in the agenda sent, which is the one chosen.
    values.applicationIds.forEach((applicationId, index) => {
      specs[`applicationIds.${index}`] = {
        id: 'sitzung-tagesordnung',
        label: t('sessionForm.agendaEntry', { title: titleOf.get(applicationId) ?? '' }),
      };
    });
    return specs;
  }, [t, values.applicationIds, titleOf]);
  const form = useFormErrors(fields);

  const agendaError =
    [
      form.fieldError('applicationIds'),
      ...sent.map((applicationId, index) => {
        const message = form.fieldError(`applicationIds.${index}`);
        return message && `${titleOf.get(applicationId) ?? ''}: ${message}`;
      }),
    ]
      .filter(Boolean)
      .join(' ') || undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problems: Record<string, Message> = {};
    if (!values.title.trim()) problems.title = (tr) => tr('sessionForm.errors.titleRequired');
    if (!isCalendarDay(values.day) || !/^\d{2}:\d{2}$/.test(values.time))
      problems.startsAt = (tr) => tr('sessionForm.errors.startsAtRequired');
    if (!values.place.trim()) problems.place = (tr) => tr('sessionForm.errors.placeRequired');
    if (values.applicationIds.length === 0)
      problems.applicationIds = (tr) => tr('sessionForm.errors.agendaRequired');
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      onFailed(true);
      return;
    }
    setBusy(true);
    setSent(values.applicationIds);
    try {
      const session = await scheduleSession(
        values.committeeId,
        {
          title: values.title.trim(),
          startsAt: berlinDateTime(values.day, values.time),
          place: values.place.trim(),
          applicationIds: values.applicationIds,
        },
        idempotencyKey.current,
      );
      await navigate(sessionPath(session.id));
    } catch (error) {
      // A refused request had no effect: the corrected form is a new intended action.
      idempotencyKey.current = newIdempotencyKey();
      form.showApiError(error);
      onFailed(true);
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary {...form.summaryProps} />
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        {committees.length > 1 && (
          <SelectField
            id="sitzung-gremium"
            label={t('sessionForm.fields.committee')}
            value={values.committeeId}
            options={committees.map((c) => ({ value: c.id, label: c.name }))}
            error={form.fieldError('committeeId')}
            onChange={set('committeeId')}
          />
        )}
        <TextField
          id="sitzung-titel"
          label={t('sessionForm.fields.title')}
          hint={t('sessionForm.fields.titleHint')}
          maxLength={200}
          value={values.title}
          error={form.fieldError('title')}
          onChange={set('title')}
        />
        <fieldset
          className={`kern-fieldset${form.fieldError('startsAt') ? ' kern-fieldset--error' : ''}`}
          aria-describedby={form.fieldError('startsAt') ? 'sitzung-beginn-error' : undefined}
        >
          <legend className="kern-label">{t('sessionForm.fields.startsAt')}</legend>
          <div className="kern-fieldset__body kern-fieldset__body--horizontal">
            <TextField
              id="sitzung-tag"
              type="date"
              label={t('sessionForm.fields.day')}
              value={values.day}
              onChange={set('day')}
            />
            <TextField
              id="sitzung-zeit"
              type="time"
              label={t('sessionForm.fields.time')}
              value={values.time}
              onChange={set('time')}
            />
          </div>
          {form.fieldError('startsAt') && (
            <FieldError id="sitzung-beginn-error" message={form.fieldError('startsAt')!} />
          )}
        </fieldset>
        <TextField
          id="sitzung-ort"
          label={t('sessionForm.fields.place')}
          hint={t('sessionForm.fields.placeHint')}
          maxLength={300}
          value={values.place}
          error={form.fieldError('place')}
          onChange={set('place')}
        />
        {applications.length === 0 ? (
          <div id="sitzung-tagesordnung" tabIndex={-1} className="focus-target">
            <p className="kern-body">{t('sessionForm.noApplications')}</p>
            {agendaError && <FieldError id="sitzung-tagesordnung-error" message={agendaError} />}
          </div>
        ) : (
          <CheckboxListField
            id="sitzung-tagesordnung"
            legend={t('sessionForm.fields.agenda')}
            hint={t('sessionForm.fields.agendaHint')}
            options={applications.map((a) => ({ value: a.id, label: titleOf.get(a.id)! }))}
            values={values.applicationIds}
            error={agendaError}
            onChange={set('applicationIds')}
          />
        )}
        <div>
          <Button type="submit" label={t('sessionForm.submit')} disabled={busy} />
        </div>
      </form>
    </>
  );
}
