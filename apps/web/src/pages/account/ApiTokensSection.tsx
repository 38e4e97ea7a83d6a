import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ApiToken,
  type CreatedApiToken,
  createToken,
  listTokens,
  revokeToken,
} from '../../api/identity';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { Loader } from '../../components/Loader';
import { RevokeTokenDialog } from '../../components/RevokeTokenDialog';
import { LoadError } from '../../components/LoadError';
import { useApiData } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { formatDate, formatDateTime } from '../../i18n/format';

/** How long a new token may live, in days; the server allows at most a year. */
const TOKEN_LIFETIMES = ['30', '90', '180', '365'] as const;

/** Personal API tokens: create (shown once, with an expiry), list, revoke after a confirmation. */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => listTokens({ signal }), []);
  const { state, reload } = useApiData(load);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const language = currentLanguage();

  return (
    <section className="page__section" aria-labelledby="api-tokens">
      <h2 className="kern-heading-medium" id="api-tokens">
        {t('tokens.heading')}
      </h2>
      <p className="kern-body">{t('tokens.intro')}</p>

      <CreateTokenForm
        onCreated={(token) => {
          setCreated(token);
          reload();
        }}
      />
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}

      <h3 className="kern-heading-small" ref={listHeading} tabIndex={-1}>
        {t('tokens.listHeading')}
      </h3>
      {state.status === 'loading' && <Loader label={t('tokens.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('tokens.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && state.data.length === 0 && (
        <p className="kern-body kern-body--muted">{t('tokens.none')}</p>
      )}
      {state.status === 'loaded' && state.data.length > 0 && (
        <div className="kern-table-responsive table-wrapper">
          <table className="kern-table kern-table--small">
            <caption className="kern-sr-only">{t('tokens.listHeading')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('tokens.name')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('tokens.prefix')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('tokens.createdAt')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('tokens.expiresAt')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('tokens.lastUsedAt')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--action">
                  <span className="kern-sr-only">{t('tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {state.data.map((token) => (
                <tr className="kern-table__row" key={token.id}>
                  <th scope="row" className="kern-table__header">
                    {token.name}
                  </th>
                  <td className="kern-table__cell">
                    <code>{token.prefix}…</code>
                  </td>
                  <td className="kern-table__cell">{formatDateTime(token.createdAt, language)}</td>
                  <td className="kern-table__cell">{formatDate(token.expiresAt, language)}</td>
                  <td className="kern-table__cell">
                    {token.lastUsedAt ? formatDateTime(token.lastUsedAt, language) : t('tokens.neverUsed')}
                  </td>
                  <td className="kern-table__cell kern-table__cell--action">
                    <button
                      type="button"
                      className="kern-btn kern-btn--tertiary kern-btn--x-small"
                      onClick={() => setRevoking(token)}
                    >
                      <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                      <span className="kern-label">
                        {t('tokens.revoke')}
                        <span className="visually-hidden">: {token.name}</span>
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <RevokeTokenDialog
        token={revoking}
        title={t('tokens.revokeTitle', { name: revoking?.name ?? '' })}
        body={t('tokens.revokeBody')}
        revoke={(token) => revokeToken(token.id)}
        onClose={() => setRevoking(null)}
        onRevoked={() => {
          setRevoking(null);
          reload();
        }}
        focusAfterRevoke={listHeading}
      />
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated(token: CreatedApiToken): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [submitting, setSubmitting] = useState(false);
  const fields = useMemo(() => ({ name: { id: 'token-name', label: t('tokens.newName') } }), [t]);
  const form = useFormErrors(fields, undefined, 3);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return form.showFieldErrors({ name: (tr) => tr('tokens.nameMissing') });
    setSubmitting(true);
    try {
      const token = await createToken(name.trim(), Number(days));
      form.clear();
      setName('');
      onCreated(token);
    } catch (error) {
      form.showApiError(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <ErrorSummary {...form.summaryProps} />
      <form className="form inline-form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={fields.name.id}
          label={fields.name.label}
          hint={t('tokens.newNameHint')}
          maxLength={100}
          autoComplete="off"
          value={name}
          onChange={setName}
          error={form.fieldError('name')}
        />
        <SelectField
          id="token-lifetime"
          label={t('tokens.lifetime')}
          hint={t('tokens.lifetimeHint')}
          value={days}
          options={TOKEN_LIFETIMES.map((value) => ({
            value,
            label: t('tokens.days', { count: Number(value) }),
          }))}
          onChange={setDays}
        />
        <div className="page__actions">
          <Button
            type="submit"
            variant="secondary"
            icon="add"
            label={t('tokens.create')}
            disabled={submitting}
          />
        </div>
      </form>
    </>
  );
}

/** The new token, shown once, with a copy button; focus lands here so it is not missed. */
function NewToken({ token, onDone }: { token: CreatedApiToken; onDone(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    ref.current?.focus();
  }, [token.id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div ref={ref} tabIndex={-1} className="focus-target page__block">
      <Alert variant="success" title={t('tokens.createdTitle', { name: token.name })}>
        <p className="kern-body kern-body--bold">{t('tokens.createdOnce')}</p>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="new-token-value">
            {t('tokens.value')}
          </label>
          <input
            id="new-token-value"
            className="kern-form-input__input token-value"
            readOnly
            value={token.token}
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
        <div className="page__actions">
          <Button
            variant="secondary"
            icon="content-copy"
            label={t('tokens.copy')}
            onClick={() => void copy()}
          />
          <Button variant="tertiary" label={t('tokens.done')} onClick={onDone} />
        </div>
        <p className="kern-body" aria-live="polite">
          {copied === 'yes' && t('tokens.copied')}
          {copied === 'failed' && t('tokens.copyFailed')}
        </p>
      </Alert>
    </div>
  );
}
