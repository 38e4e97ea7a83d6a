import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CallStatus, listCalls } from '../../api/applications';
import { dateTime, money } from '../../components/applications/format';
import { Badge, type BadgeVariant } from '../../components/Badge';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';
import { callPath, paths } from '../../paths';
import { useSession } from '../../session/SessionContext';
import { districtsWhere } from '../../session/roles';

export const callStatusVariant: Record<CallStatus, BadgeVariant> = {
  draft: 'info',
  open: 'success',
  closed: 'warning',
};

/** The calls of the coordinator's districts: drafts, open and closed, with the way to a new one. */
export function CallsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const districts = me ? districtsWhere(me, 'coordinator') : [];
  const load = useCallback((signal: AbortSignal) => listCalls({}, { signal }), []);
  const { state, reload } = useApiData(load);
  const calls =
    state.status === 'loaded' ? state.data.items.filter((call) => districts.includes(call.districtId)) : [];

  return (
    <Page title={t('callAdmin.title')} heading={t('callAdmin.title')}>
      <p className="kern-body">{t('callAdmin.intro')}</p>
      <div className="page__actions">
        <Link className="kern-btn kern-btn--primary" to={paths.newCall}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{t('callAdmin.new')}</span>
        </Link>
        <Link className="kern-btn kern-btn--secondary" to={paths.inbox}>
          <span className="kern-label">{t('callAdmin.toInbox')}</span>
        </Link>
      </div>
      {state.status === 'loading' && <Loader label={t('callAdmin.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('callAdmin.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (calls.length === 0 ? (
          <p className="kern-body">{t('callAdmin.none')}</p>
        ) : (
          <div className="kern-table-responsive table-wrapper">
            <table className="kern-table kern-table--small">
              <caption className="kern-title">{t('callAdmin.caption')}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t('callAdmin.fields.title')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('callAdmin.fields.status')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('callAdmin.fields.programmeYear')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('callAdmin.fields.deadline')}
                  </th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {t('callAdmin.fields.expectedBudget')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {calls.map((call) => (
                  <tr key={call.id} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      <Link className="kern-link" to={callPath(call.id)}>
                        {call.title}
                      </Link>
                      {districts.length > 1 && (
                        <span className="kern-body kern-body--small kern-body--muted table-subline">
                          {call.districtName}
                        </span>
                      )}
                    </th>
                    <td className="kern-table__cell">
                      <Badge
                        variant={callStatusVariant[call.status]}
                        label={t(`callAdmin.status.${call.status}`)}
                      />
                    </td>
                    <td className="kern-table__cell">{call.programmeYear}</td>
                    <td className="kern-table__cell">{dateTime(call.submissionDeadline)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {money(call.expectedBudgetCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Page>
  );
}
