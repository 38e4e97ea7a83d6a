import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import {
  addCallDocument,
  type Call,
  callDocumentUrl,
  changeCallStatus,
  getCall,
} from '../../api/applications';
import { Alert } from '../../components/Alert';
import { dateTime, fileSize, money } from '../../components/applications/format';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { type Confirmation, ConfirmDialog } from '../../components/ConfirmDialog';
import { DescriptionList } from '../../components/DescriptionList';
import { describedBy, FieldError } from '../../components/form/FieldError';
import { describeError } from '../../components/form/formErrors';
import { TextField } from '../../components/form/TextField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { callPath, paths, programmePlanPath } from '../../paths';
import { callStatusVariant } from './CallsPage';

/** One call: its facts, opening and closing, documents for carriers, and its applications. */
export function CallPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const load = useCallback((signal: AbortSignal) => getCall(id, { signal }), [id]);
  const { state, reload, replace } = useApiData(load);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const title = state.status === 'loaded' ? state.data.title : t('callAdmin.title');

  function confirmStatus(call: Call, to: 'open' | 'close') {
    setConfirmation({
      title: t(`callAdmin.confirm.${to}.title`),
      body: t(`callAdmin.confirm.${to}.body`, { deadline: dateTime(call.submissionDeadline) }),
      confirmLabel: t(`callAdmin.confirm.${to}.confirm`),
      action: async () => replace(await changeCallStatus(call.id, to)),
    });
  }

  return (
    <Page title={title} heading={title}>
      <p className="kern-body">
        <TextLink to={paths.calls}>{t('callAdmin.back')}</TextLink>
      </p>
      {saved && (
        <Alert variant="success" title={t('callAdmin.saved')} role="status">
          <p className="kern-body">{t('callAdmin.savedBody')}</p>
        </Alert>
      )}
      {state.status === 'loading' && <Loader label={t('callAdmin.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('callAdmin.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          <Badge
            variant={callStatusVariant[state.data.status]}
            label={t(`callAdmin.status.${state.data.status}`)}
          />
          <DescriptionList
            items={[
              { key: 'district', term: t('callAdmin.fields.district'), value: state.data.districtName },
              {
                key: 'fund',
                term: t('callAdmin.fields.fund'),
                value: state.data.fundId
                  ? t('callAdmin.fundOf', { district: state.data.districtName })
                  : t('callAdmin.noFund'),
              },
              {
                key: 'year',
                term: t('callAdmin.fields.programmeYear'),
                value: String(state.data.programmeYear),
              },
              {
                key: 'budget',
                term: t('callAdmin.fields.expectedBudget'),
                value: money(state.data.expectedBudgetCents),
              },
              {
                key: 'deadline',
                term: t('callAdmin.fields.deadline'),
                value: dateTime(state.data.submissionDeadline),
              },
              { key: 'min', term: t('callAdmin.fields.minAmount'), value: money(state.data.minAmountCents) },
              { key: 'max', term: t('callAdmin.fields.maxAmount'), value: money(state.data.maxAmountCents) },
              {
                key: 'actionFields',
                term: t('applicationForm.scope.actionFields'),
                value: state.data.actionFields.map((f) => f.name).join(', ') || '–',
              },
              {
                key: 'areas',
                term: t('applicationForm.scope.areas'),
                value: state.data.areas.map((a) => a.name).join(', ') || '–',
              },
              {
                key: 'attachments',
                term: t('callAdmin.fields.requiredAttachments'),
                value: state.data.requiredAttachments.map((a) => a.label).join(', ') || '–',
              },
              ...(state.data.openedAt
                ? [
                    {
                      key: 'opened',
                      term: t('callAdmin.fields.openedAt'),
                      value: dateTime(state.data.openedAt),
                    },
                  ]
                : []),
              ...(state.data.closedAt
                ? [
                    {
                      key: 'closed',
                      term: t('callAdmin.fields.closedAt'),
                      value: dateTime(state.data.closedAt),
                    },
                  ]
                : []),
            ]}
          />
          {state.data.description && <p className="kern-body summary__text">{state.data.description}</p>}
          <div className="page__actions">
            {state.data.status !== 'closed' && (
              <Link className="kern-btn kern-btn--secondary" to={callPath(state.data.id, true)}>
                <span className="kern-icon kern-icon--edit" aria-hidden="true" />
                <span className="kern-label">{t('callAdmin.edit')}</span>
              </Link>
            )}
            {state.data.status === 'draft' && (
              <Button label={t('callAdmin.open')} onClick={() => confirmStatus(state.data, 'open')} />
            )}
            {state.data.status === 'open' && (
              <Button
                variant="secondary"
                label={t('callAdmin.close')}
                onClick={() => confirmStatus(state.data, 'close')}
              />
            )}
            {state.data.status !== 'draft' && (
              <Link
                className="kern-btn kern-btn--tertiary"
                to={`${paths.inbox}?aufruf=${encodeURIComponent(state.data.id)}`}
              >
                <span className="kern-label">{t('callAdmin.applications')}</span>
              </Link>
            )}
            {state.data.status !== 'draft' && (
              <Link className="kern-btn kern-btn--tertiary" to={programmePlanPath(state.data.id)}>
                <span className="kern-label">{t('callAdmin.programmePlan')}</span>
              </Link>
            )}
          </div>
          <Documents call={state.data} onAdded={replace} />
        </>
      )}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Page>
  );
}

function Documents({ call, onAdded }: { call: Call; onAdded(call: Call): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ title?: string; file?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!title.trim()) next.title = t('callAdmin.documents.titleRequired');
    if (!file) next.file = t('attachments.chooseFile');
    setErrors(next);
    if (next.title) document.getElementById('dokument-titel')?.focus();
    else if (next.file) input.current?.focus();
    if (next.title || next.file) return;
    setBusy(true);
    try {
      onAdded(await addCallDocument(call.id, title.trim(), file!));
      setTitle('');
      setFile(null);
      if (input.current) input.current.value = '';
    } catch (error) {
      setErrors({ file: describeError(error, t) });
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page__section" aria-labelledby="aufruf-dokumente">
      <h2 className="kern-heading-medium" id="aufruf-dokumente">
        {t('callAdmin.documents.heading')}
      </h2>
      {call.documents.length === 0 ? (
        <p className="kern-body">{t('callAdmin.documents.none')}</p>
      ) : (
        <ul className="kern-list">
          {call.documents.map((document) => (
            <li key={document.id}>
              <a className="kern-link" href={callDocumentUrl(call.id, document.id)} download>
                {document.title}
              </a>{' '}
              ({document.fileName}, {fileSize(document.sizeBytes)})
            </li>
          ))}
        </ul>
      )}
      {call.status !== 'closed' && (
        <form noValidate className="form" onSubmit={(event) => void submit(event)}>
          <h3 className="kern-heading-small">{t('callAdmin.documents.add')}</h3>
          <TextField
            id="dokument-titel"
            label={t('callAdmin.documents.title')}
            value={title}
            error={errors.title}
            onChange={setTitle}
          />
          <div className={`kern-form-input${errors.file ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="dokument-datei">
              {t('callAdmin.documents.file')}
            </label>
            <div className="kern-hint" id="dokument-datei-hint">
              {t('attachments.hint')}
            </div>
            <input
              ref={input}
              id="dokument-datei"
              type="file"
              className="kern-form-input__input"
              aria-describedby={describedBy('dokument-datei-hint', errors.file && 'dokument-datei-error')}
              aria-invalid={errors.file ? true : undefined}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
            {errors.file && <FieldError id="dokument-datei-error" message={errors.file} />}
          </div>
          <div>
            <Button
              type="submit"
              variant="secondary"
              icon="drive-folder-upload"
              label={t('callAdmin.documents.upload')}
              disabled={busy}
            />
          </div>
        </form>
      )}
    </section>
  );
}
