import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listManagedTokens, type ManagedApiToken, revokeManagedToken } from '../api/identity';
import { Loader } from '../components/Loader';
import { LoadError } from '../components/LoadError';
import { Page } from '../components/Page';
import { TableScroller } from '../components/TableScroller';
import { Pager } from '../components/Pager';
import { RevokeTokenDialog } from '../components/RevokeTokenDialog';
import { useApiData } from '../hooks/useApiData';
import { currentLanguage } from '../i18n';
import { formatDate, formatDateTime } from '../i18n/format';

/** A district's admins see the personal API tokens of the people in their districts and revoke them. */
export function ApiTokensAdminPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const load = useCallback((signal: AbortSignal) => listManagedTokens(page, { signal }), [page]);
  const { state, reload } = useApiData(load);
  const [revoking, setRevoking] = useState<ManagedApiToken | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const language = currentLanguage();

  return (
    <Page title={t('adminTokens.title')} heading={t('adminTokens.heading')}>
      <p className="kern-body">{t('adminTokens.intro')}</p>
      <h2 className="kern-heading-medium" ref={heading} tabIndex={-1}>
        {t('adminTokens.listHeading')}
      </h2>
      {state.status === 'loading' && <Loader label={t('tokens.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('tokens.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && state.data.items.length === 0 && (
        <p className="kern-body kern-body--muted">{t('adminTokens.none')}</p>
      )}
      {state.status === 'loaded' && state.data.items.length > 0 && (
        <TableScroller label={t('adminTokens.listHeading')}>
          <table className="kern-table kern-table--small">
            <caption className="kern-sr-only">{t('adminTokens.listHeading')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('tokens.name')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('adminTokens.owner')}
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
              {state.data.items.map((token) => (
                <tr className="kern-table__row" key={token.id}>
                  <th scope="row" className="kern-table__header">
                    {token.name} <code>{token.prefix}…</code>
                  </th>
                  <td className="kern-table__cell">
                    {token.owner.displayName}
                    <br />
                    {token.owner.email}
                  </td>
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
                        <span className="visually-hidden">
                          : {token.name}, {token.owner.displayName}
                        </span>
                      </span>
                    </button>
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
          label={t('adminTokens.pages')}
          onPage={setPage}
        />
      )}
      <RevokeTokenDialog
        token={revoking}
        title={t('adminTokens.revokeTitle', {
          name: revoking?.name ?? '',
          owner: revoking?.owner.displayName ?? '',
        })}
        body={t('adminTokens.revokeBody')}
        revoke={(token) => revokeManagedToken(token.id)}
        onClose={() => setRevoking(null)}
        onRevoked={() => {
          setRevoking(null);
          reload();
        }}
        focusAfterRevoke={heading}
      />
    </Page>
  );
}
