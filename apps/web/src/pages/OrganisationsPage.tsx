import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOrganisations, type OrganisationSummary, verifyOrganisation } from '../api/identity';
import { Alert } from '../components/Alert';
import { Badge } from '../components/Badge';
import { describeError } from '../components/form/formErrors';
import { Loader } from '../components/Loader';
import { LoadError } from '../components/LoadError';
import { Page } from '../components/Page';
import { TableScroller } from '../components/TableScroller';
import { Pager } from '../components/Pager';
import { useApiData } from '../hooks/useApiData';
import { currentLanguage } from '../i18n';
import { formatDate } from '../i18n/format';

/**
 * Coordinators and admins confirm that a registered organisation is real. Until then it can
 * neither apply nor invite colleagues, so the app cannot be used to mail strangers.
 */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [onlyUnverified, setOnlyUnverified] = useState(true);
  const load = useCallback(
    (signal: AbortSignal) =>
      listOrganisations({ page, verified: onlyUnverified ? false : undefined }, { signal }),
    [page, onlyUnverified],
  );
  const { state, reload } = useApiData(load);
  const [message, setMessage] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const language = currentLanguage();

  async function verify(organisation: OrganisationSummary) {
    setBusy(organisation.id);
    try {
      await verifyOrganisation(organisation.id);
      setMessage({ kind: 'success', text: t('organisations.verified', { name: organisation.name }) });
      reload();
    } catch (error) {
      setMessage({ kind: 'danger', text: describeError(error, t) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title={t('organisations.title')} heading={t('organisations.heading')}>
      <p className="kern-body">{t('organisations.intro')}</p>
      <div className="kern-form-check page__block">
        <input
          className="kern-form-check__checkbox"
          type="checkbox"
          id="only-unverified"
          checked={onlyUnverified}
          onChange={(event) => {
            setOnlyUnverified(event.currentTarget.checked);
            setPage(1);
          }}
        />
        <label className="kern-label" htmlFor="only-unverified">
          {t('organisations.onlyUnverified')}
        </label>
      </div>
      <div aria-live="polite">
        {message && (
          <Alert
            variant={message.kind}
            title={message.text}
            role={message.kind === 'danger' ? 'alert' : 'status'}
          />
        )}
      </div>
      {state.status === 'loading' && <Loader label={t('organisations.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('organisations.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && state.data.items.length === 0 && (
        <p className="kern-body kern-body--muted">{t('organisations.none')}</p>
      )}
      {state.status === 'loaded' && state.data.items.length > 0 && (
        <TableScroller label={t('organisations.heading')}>
          <table className="kern-table kern-table--small">
            <caption className="kern-sr-only">{t('organisations.heading')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('organisations.name')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('organisations.place')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('organisations.status')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--action">
                  <span className="kern-sr-only">{t('organisations.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {state.data.items.map((organisation) => (
                <tr className="kern-table__row" key={organisation.id}>
                  <th scope="row" className="kern-table__header">
                    {organisation.name} ({organisation.legalForm})
                  </th>
                  <td className="kern-table__cell">
                    {organisation.postalCode} {organisation.city}
                  </td>
                  <td className="kern-table__cell">
                    {organisation.verifiedAt ? (
                      <Badge
                        variant="success"
                        label={t('organisation.verifiedOn', {
                          date: formatDate(organisation.verifiedAt, language),
                        })}
                      />
                    ) : (
                      <Badge variant="warning" label={t('organisation.unverified')} />
                    )}
                  </td>
                  <td className="kern-table__cell kern-table__cell--action">
                    {!organisation.verifiedAt && (
                      <button
                        type="button"
                        className="kern-btn kern-btn--secondary kern-btn--x-small"
                        disabled={busy === organisation.id}
                        onClick={() => void verify(organisation)}
                      >
                        <span className="kern-icon kern-icon--check" aria-hidden="true" />
                        <span className="kern-label">
                          {t('organisations.verify')}
                          <span className="visually-hidden">: {organisation.name}</span>
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {state.status === 'loaded' && (
        <Pager
          page={page}
          pages={Math.ceil(state.data.total / 20)}
          label={t('organisations.pages')}
          onPage={setPage}
        />
      )}
    </Page>
  );
}
