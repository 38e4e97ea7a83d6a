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
import { Badge } from '../../components/Badge';
import { DescriptionList } from '../../components/DescriptionList';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';
import { inboxApplicationPath } from '../../paths';
import {
  CallOffDecision,
  CallOffOutcomeMessage,
  useCallOffOutcome,
  withReference,
} from '../applications/ImplementationSection';

type Waiting = { application: ApplicationListItem; callOff: CallOff };

/**
 * Finance's work list: call-offs that wait for payment, across the district's applications in
 * implementation, oldest request first. Each can be paid or refused right here.
 *
 * One titled block per call-off rather than a table row: the decision's form then has the page's
 * width, also at 320 px or 400 % zoom, instead of being cut off in a table scrolling sideways. A
 * paid or refused call-off leaves the list; its confirmation stays above it and takes the focus.
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
  const { outcome, decided } = useCallOffOutcome(reload);

  return (
    <Page title={t('callOffs.title')} heading={t('callOffs.title')}>
      <p className="kern-body">{t('callOffs.intro')}</p>
      {outcome && <CallOffOutcomeMessage outcome={outcome} />}
      {state.status === 'loading' && <Loader label={t('callOffs.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('callOffs.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p className="kern-body">{t('callOffs.none')}</p>
        ) : (
          <>
            <h2 className="kern-heading-medium" id="offene-mittelabrufe">
              {t('callOffs.caption', { count: state.data.length })}
            </h2>
            <ul className="call-off-list" aria-labelledby="offene-mittelabrufe">
              {state.data.map(({ application, callOff }) => {
                const headingId = `mittelabruf-${callOff.id}-titel`;
                return (
                  <li key={callOff.id} className="call-off-list__item">
                    <section className="call-off-card" aria-labelledby={headingId}>
                      <h3 className="kern-heading-small" id={headingId}>
                        {withReference(
                          t,
                          t('implementation.callOffs.numbered', { number: callOff.number }),
                          application.reference,
                        )}
                      </h3>
                      <p className="kern-body">
                        <Badge variant="info" label={t(`implementation.callOffs.states.${callOff.state}`)} />
                      </p>
                      <DescriptionList
                        items={[
                          {
                            key: 'application',
                            term: t('callOffs.application'),
                            value: (
                              <Link className="kern-link" to={inboxApplicationPath(application.id)}>
                                {application.title}
                              </Link>
                            ),
                          },
                          {
                            key: 'organisation',
                            term: t('callOffs.organisation'),
                            value: application.organisationName,
                          },
                          {
                            key: 'amount',
                            term: t('implementation.callOffs.amount'),
                            value: money(callOff.amountCents),
                          },
                          {
                            key: 'cashYear',
                            term: t('implementation.callOffs.cashYear'),
                            value: callOff.cashYear,
                          },
                          {
                            key: 'purpose',
                            term: t('callOffs.purpose'),
                            value: callOff.purpose || t('implementation.callOffs.noPurpose'),
                          },
                          {
                            key: 'requestedAt',
                            term: t('callOffs.requestedAt'),
                            value: dateTime(callOff.requestedAt),
                          },
                        ]}
                      />
                      <CallOffDecision
                        callOff={callOff}
                        reference={application.reference}
                        onDecided={decided}
                      />
                    </section>
                  </li>
                );
              })}
            </ul>
          </>
        ))}
    </Page>
  );
}
