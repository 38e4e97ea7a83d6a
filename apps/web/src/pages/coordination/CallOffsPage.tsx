import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type ApplicationListItem,
  type CallOff,
  listApplications,
  listCallOffs,
} from '../../api/applications';
import { dateTime, money } from '../../components/applications/format';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';
import { inboxApplicationPath } from '../../paths';
import { CallOffDecision } from '../applications/ImplementationSection';

type Waiting = { application: ApplicationListItem; callOff: CallOff };

/**
 * Finance's work list: call-offs that wait for payment, across the district's applications in
 * implementation, oldest request first. Each can be paid or refused right here.
 */
export function CallOffsPage() {
  const { t } = useTranslation();
  const load = useCallback(async (signal: AbortSignal) => {
    const applications = await listApplications({ state: 'in_implementation', pageSize: 100 }, { signal });
    const lists = await Promise.all(
      applications.items.map(async (application) => ({
        application,
        callOffs: (await listCallOffs(application.id, { signal })).items,
      })),
    );
    const waiting: Waiting[] = lists.flatMap(({ application, callOffs }) =>
      callOffs
        .filter((c) => c.state === 'requested' || c.state === 'approved')
        .map((callOff) => ({ application, callOff })),
    );
    return waiting.sort((a, b) => a.callOff.requestedAt.localeCompare(b.callOff.requestedAt));
  }, []);
  const { state, reload } = useApiData(load);

  return (
    <Page title={t('callOffs.title')} heading={t('callOffs.title')}>
      <p className="kern-body">{t('callOffs.intro')}</p>
      {state.status === 'loading' && <Loader label={t('callOffs.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('callOffs.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p className="kern-body">{t('callOffs.none')}</p>
        ) : (
          <div className="kern-table-responsive table-wrapper">
            <table className="kern-table kern-table--small">
              <caption className="kern-title">{t('callOffs.caption', { count: state.data.length })}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t('callOffs.application')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('implementation.callOffs.cashYear')}
                  </th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {t('implementation.callOffs.amount')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('callOffs.decision')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {state.data.map(({ application, callOff }) => (
                  <tr key={callOff.id} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      <Link className="kern-link" to={inboxApplicationPath(application.id)}>
                        {application.title}
                      </Link>
                      <span className="kern-body kern-body--small kern-body--muted table-subline">
                        {t('implementation.callOffs.numbered', { number: callOff.number })} ·{' '}
                        {application.reference} · {application.organisationName} ·{' '}
                        {t('implementation.callOffs.requestedAt', { date: dateTime(callOff.requestedAt) })}
                      </span>
                      {callOff.purpose && (
                        <span className="kern-body kern-body--small table-subline">{callOff.purpose}</span>
                      )}
                    </th>
                    <td className="kern-table__cell">{callOff.cashYear}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {money(callOff.amountCents)}
                    </td>
                    <td className="kern-table__cell">
                      <CallOffDecision callOff={callOff} onDecided={reload} />
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
