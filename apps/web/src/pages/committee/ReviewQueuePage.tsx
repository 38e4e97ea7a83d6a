import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getReviewQueue } from '../../api/committee';
import { dateTime, money } from '../../components/applications/format';
import { Badge } from '../../components/Badge';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TableScroller } from '../../components/TableScroller';
import { useApiData } from '../../hooks/useApiData';
import { inboxApplicationPath } from '../../paths';

/**
 * A committee member's review queue (`/begutachtung`): the applications before their committee,
 * whether their department has given its Votum, and where they declared a conflict of interest.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => getReviewQueue({ signal }), []);
  const { state, reload } = useApiData(load);

  return (
    <Page title={t('reviewQueue.title')} heading={t('reviewQueue.title')}>
      <p className="kern-body">{t('reviewQueue.intro')}</p>
      {state.status === 'loading' && <Loader label={t('reviewQueue.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('reviewQueue.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && state.data.items.length === 0 && (
        <p className="kern-body">{t('reviewQueue.empty')}</p>
      )}
      {state.status === 'loaded' && state.data.items.length > 0 && (
        <TableScroller label={t('reviewQueue.title')}>
          <table className="kern-table">
            <caption className="kern-sr-only">{t('reviewQueue.title')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="col">
                  {t('reviewQueue.application')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('reviewQueue.requested')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('reviewQueue.deadline')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('reviewQueue.status')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {state.data.items.map((item) => (
                <tr className="kern-table__row" key={item.applicationId}>
                  <th className="kern-table__header" scope="row">
                    <Link className="kern-link" to={inboxApplicationPath(item.applicationId)}>
                      {item.title}
                    </Link>
                    <br />
                    <span className="kern-body kern-body--small">
                      {item.reference} · {item.carrier}
                    </span>
                  </th>
                  <td className="kern-table__cell">{money(item.requestedCents)}</td>
                  <td className="kern-table__cell">{dateTime(item.reviewDeadline)}</td>
                  <td className="kern-table__cell">
                    {item.conflicted ? (
                      <Badge variant="warning" label={t('reviewQueue.conflicted')} />
                    ) : item.reviewed ? (
                      <Badge variant="success" label={t('reviewQueue.reviewed')} />
                    ) : (
                      <Badge variant="info" label={t('reviewQueue.open')} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </Page>
  );
}
