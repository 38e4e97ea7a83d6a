import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Call, listApplications, listCalls } from '../../api/applications';
import { dateTime, money } from '../../components/applications/format';
import { StateBadge } from '../../components/applications/StateBadge';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';
import { applicationPath, paths } from '../../paths';

/** A carrier's applications with their state, and the open calls to start a new one in. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const loadApplications = useCallback(
    (signal: AbortSignal) => listApplications({ pageSize: 100 }, { signal }),
    [],
  );
  const loadCalls = useCallback((signal: AbortSignal) => listCalls({ status: 'open' }, { signal }), []);
  const applications = useApiData(loadApplications);
  const calls = useApiData(loadCalls);

  return (
    <Page title={t('myApplications.title')} heading={t('myApplications.title')}>
      <p className="kern-body">{t('myApplications.intro')}</p>
      <section className="page__section" aria-labelledby="meine-antraege">
        <h2 className="kern-heading-medium" id="meine-antraege">
          {t('myApplications.listHeading')}
        </h2>
        {applications.state.status === 'loading' && <Loader label={t('myApplications.loading')} />}
        {applications.state.status === 'failed' && (
          <LoadError
            title={t('myApplications.loadFailed')}
            error={applications.state.error}
            onRetry={applications.reload}
          />
        )}
        {applications.state.status === 'loaded' &&
          (applications.state.data.items.length === 0 ? (
            <p className="kern-body">{t('myApplications.none')}</p>
          ) : (
            <div className="kern-table-responsive table-wrapper">
              <table className="kern-table kern-table--small">
                <caption className="kern-sr-only">{t('myApplications.listHeading')}</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      {t('myApplications.columns.title')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t('myApplications.columns.state')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t('myApplications.columns.call')}
                    </th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">
                      {t('myApplications.columns.requested')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t('myApplications.columns.updated')}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {applications.state.data.items.map((application) => (
                    <tr key={application.id} className="kern-table__row">
                      <th scope="row" className="kern-table__header">
                        <Link className="kern-link" to={applicationPath(application.id)}>
                          {application.title}
                        </Link>
                        <span className="kern-body kern-body--small kern-body--muted table-subline">
                          {application.reference} · {application.organisationName}
                        </span>
                      </th>
                      <td className="kern-table__cell">
                        <StateBadge state={application.state} />
                      </td>
                      <td className="kern-table__cell">{application.callTitle}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">
                        {money(application.requestedCents)}
                      </td>
                      <td className="kern-table__cell">{dateTime(application.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>

      <section className="page__section" aria-labelledby="neuer-antrag">
        <h2 className="kern-heading-medium" id="neuer-antrag">
          {t('myApplications.newHeading')}
        </h2>
        {calls.state.status === 'loading' && <Loader label={t('myApplications.callsLoading')} />}
        {calls.state.status === 'failed' && (
          <LoadError
            title={t('myApplications.callsLoadFailed')}
            error={calls.state.error}
            onRetry={calls.reload}
          />
        )}
        {calls.state.status === 'loaded' &&
          (calls.state.data.items.filter(isAcceptingApplications).length === 0 ? (
            <p className="kern-body">{t('myApplications.noOpenCalls')}</p>
          ) : (
            <ul className="call-list">
              {calls.state.data.items.filter(isAcceptingApplications).map((call) => (
                <li key={call.id} className="call-list__item">
                  <OpenCall call={call} />
                </li>
              ))}
            </ul>
          ))}
      </section>
    </Page>
  );
}

function isAcceptingApplications(call: Call): boolean {
  return call.status === 'open' && new Date(call.submissionDeadline).getTime() > Date.now();
}

function OpenCall({ call }: { call: Call }) {
  const { t } = useTranslation();
  const headingId = `aufruf-${call.id}`;
  return (
    <div className="kern-card">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h3 className="kern-title" id={headingId}>
            {call.title}
          </h3>
        </div>
        <div className="kern-card__body">
          <p className="kern-body">
            {t('myApplications.callFacts', {
              district: call.districtName,
              year: call.programmeYear,
              deadline: dateTime(call.submissionDeadline),
            })}
          </p>
          {(call.minAmountCents || call.maxAmountCents) && (
            <p className="kern-body">
              {t('myApplications.callAmounts', {
                min: money(call.minAmountCents),
                max: money(call.maxAmountCents),
              })}
            </p>
          )}
          {call.description && <p className="kern-body summary__text">{call.description}</p>}
          <Link
            className="kern-btn kern-btn--primary"
            to={`${paths.newApplication}?aufruf=${encodeURIComponent(call.id)}`}
            aria-describedby={headingId}
          >
            <span className="kern-label">{t('myApplications.start')}</span>
          </Link>
        </div>
      </div>
    </div>
  );
}
