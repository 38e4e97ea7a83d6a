import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listSessions } from '../../api/committee';
import { dateTime } from '../../components/applications/format';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';
import { paths, sessionPath } from '../../paths';
import { useMe } from '../../session/SessionContext';
import { hasRole } from '../../session/roles';

/** The committee sessions of the coordinator's district or the member's committee, the latest first, each opening its live view. */
export function SessionsPage() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => listSessions({ signal }), []);
  const { state, reload } = useApiData(load);
  // Coordinators plan sessions; members are invited to them.
  const plans = hasRole(useMe(), 'coordinator');
  return (
    <Page title={t('sessions.listTitle')} heading={t('sessions.listTitle')}>
      {plans && (
        <div className="page__actions">
          <Link className="kern-btn kern-btn--primary" to={paths.newSession}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('sessions.plan')}</span>
          </Link>
        </div>
      )}
      {state.status === 'loading' && <Loader label={t('sessions.listLoading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('sessions.listLoadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.items.length === 0 ? (
          <p className="kern-body">
            {t('sessions.none')} {plans ? t('sessions.nonePlan') : t('sessions.noneMember')}
          </p>
        ) : (
          <div className="kern-table-responsive table-wrapper">
            <table className="kern-table kern-table--small">
              <caption className="kern-title">{t('sessions.listTitle')}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t('sessions.title')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('sessions.when')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('sessions.agenda')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('sessions.state')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {state.data.items.map((session) => (
                  <tr className="kern-table__row" key={session.id}>
                    <td className="kern-table__cell">
                      <Link className="kern-link" to={sessionPath(session.id)}>
                        {session.committee}: {session.title}
                      </Link>
                    </td>
                    <td className="kern-table__cell">
                      {dateTime(session.startsAt)}, {session.place}
                    </td>
                    <td className="kern-table__cell">{t('sessions.itemCount', { count: session.items })}</td>
                    <td className="kern-table__cell">{t(`sessions.status.${session.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Page>
  );
}
