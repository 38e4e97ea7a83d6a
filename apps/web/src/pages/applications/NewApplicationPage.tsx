import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { callDocumentUrl, createApplication, getCall } from '../../api/applications';
import { dateTime, fileSize, money } from '../../components/applications/format';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { applicationPath, paths } from '../../paths';
import { useSession } from '../../session/SessionContext';

/** Starts a draft in an open call (`/antraege/neu?aufruf=<id>`): organisation and working title. */
export function NewApplicationPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const callId = search.get('aufruf') ?? '';
  const load = useCallback((signal: AbortSignal) => getCall(callId, { signal }), [callId]);
  const { state, reload } = useApiData(load);

  return (
    <Page title={t('newApplication.title')} heading={t('newApplication.title')}>
      <p className="kern-body">
        <TextLink to={paths.myApplications}>{t('newApplication.back')}</TextLink>
      </p>
      {!callId && <p className="kern-body">{t('newApplication.noCall')}</p>}
      {callId && state.status === 'loading' && <Loader label={t('newApplication.loading')} />}
      {callId && state.status === 'failed' && (
        <LoadError title={t('newApplication.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {callId && state.status === 'loaded' && (
        <>
          <section className="page__section" aria-labelledby="aufruf-angaben">
            <h2 className="kern-heading-medium" id="aufruf-angaben">
              {state.data.title}
            </h2>
            <DescriptionList
              items={[
                { key: 'district', term: t('callAdmin.fields.district'), value: state.data.districtName },
                {
                  key: 'year',
                  term: t('callAdmin.fields.programmeYear'),
                  value: String(state.data.programmeYear),
                },
                {
                  key: 'deadline',
                  term: t('callAdmin.fields.deadline'),
                  value: dateTime(state.data.submissionDeadline),
                },
                {
                  key: 'amounts',
                  term: t('callAdmin.fields.amounts'),
                  value: t('myApplications.callAmountsRange', {
                    min: money(state.data.minAmountCents),
                    max: money(state.data.maxAmountCents),
                  }),
                },
                {
                  key: 'actionFields',
                  term: t('applicationForm.scope.actionFields'),
                  value: state.data.actionFields.map((field) => field.name).join(', '),
                },
                {
                  key: 'areas',
                  term: t('applicationForm.scope.areas'),
                  value: state.data.areas.map((area) => area.name).join(', '),
                },
              ]}
            />
            {state.data.description && <p className="kern-body summary__text">{state.data.description}</p>}
            {state.data.documents.length > 0 && (
              <>
                <h3 className="kern-heading-small">{t('callAdmin.documents.heading')}</h3>
                <ul className="kern-list">
                  {state.data.documents.map((document) => (
                    <li key={document.id}>
                      <a className="kern-link" href={callDocumentUrl(state.data.id, document.id)} download>
                        {document.title}
                      </a>{' '}
                      ({document.fileName}, {fileSize(document.sizeBytes)})
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <StartForm callId={state.data.id} />
        </>
      )}
    </Page>
  );
}

function StartForm({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const organisations = me?.organisations ?? [];
  const [organisationId, setOrganisationId] = useState(organisations[0]?.organisationId ?? '');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const fields = useMemo(
    () => ({
      organisationId: { id: 'neuer-antrag-organisation', label: t('newApplication.organisation') },
      title: { id: 'neuer-antrag-titel', label: t('newApplication.workingTitle') },
      callId: { id: 'neuer-antrag-titel', label: t('newApplication.call') },
    }),
    [t],
  );
  const form = useFormErrors(fields);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      form.showFieldErrors({ title: (tr) => tr('newApplication.titleRequired') });
      return;
    }
    setBusy(true);
    try {
      const created = await createApplication({ callId, organisationId, title: title.trim() });
      await navigate(applicationPath(created.id));
    } catch (error) {
      form.showApiError(error, { call_not_open: 'callId', not_organisation_member: 'organisationId' });
      setBusy(false);
    }
  }

  return (
    <section className="page__section" aria-labelledby="antrag-anlegen">
      <h2 className="kern-heading-medium" id="antrag-anlegen">
        {t('newApplication.formHeading')}
      </h2>
      <ErrorSummary {...form.summaryProps} />
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        {organisations.length > 1 && (
          <SelectField
            id={fields.organisationId.id}
            label={fields.organisationId.label}
            value={organisationId}
            options={organisations.map((o) => ({
              value: o.organisationId,
              label: o.name ?? o.organisationId,
            }))}
            error={form.fieldError('organisationId')}
            onChange={setOrganisationId}
          />
        )}
        <TextField
          id={fields.title.id}
          label={fields.title.label}
          hint={t('newApplication.workingTitleHint')}
          maxLength={300}
          value={title}
          error={form.fieldError('title') ?? form.fieldError('callId')}
          onChange={setTitle}
        />
        <div>
          <Button type="submit" label={t('newApplication.submit')} disabled={busy} />
        </div>
      </form>
    </section>
  );
}
