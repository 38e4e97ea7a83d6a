import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ApplicationState, applicationStates, listApplications } from '../../api/applications';
import { dateTime, money } from '../../components/applications/format';
import { StateBadge } from '../../components/applications/StateBadge';
import { Button } from '../../components/Button';
import { TextField } from '../../components/form/TextField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { useApiData } from '../../hooks/useApiData';
import { inboxApplicationPath, paths } from '../../paths';

/** Staff never see drafts; the filters follow the order of the lifecycle. */
const inboxStates = applicationStates.filter((state) => state !== 'draft');
const pageSize = 25;

function stateFrom(value: string | null): ApplicationState | undefined {
  return inboxStates.find((state) => state === value);
}

/**
 * The district's applications by state (the coordinator's inbox, also finance's way in): a
 * filter per lifecycle state, a search by title or file number, and the list.
 */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const state = stateFrom(search.get('status'));
  const callId = search.get('aufruf') ?? undefined;
  const q = search.get('suche') ?? '';
  const page = Math.max(1, Number(search.get('seite')) || 1);
  const [query, setQuery] = useState(q);
  const load = useCallback(
    (signal: AbortSignal) =>
      listApplications({ state, callId, q: q || undefined, page, pageSize }, { signal }),
    [state, callId, q, page],
  );
  const { state: list, reload } = useApiData(load);

  const filterLink = (value: ApplicationState | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set('status', value);
    else next.delete('status');
    next.delete('seite');
    return `${paths.inbox}?${next.toString()}`;
  };

  function find(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(search);
    if (query.trim()) next.set('suche', query.trim());
    else next.delete('suche');
    next.delete('seite');
    setSearch(next);
  }

  // Beyond 1 000 the API stops counting: the pager then offers the next page while there is one.
  const pages =
    list.status === 'loaded'
      ? Math.max(
          1,
          Math.ceil(list.data.total / pageSize),
          list.data.totalCapped && list.data.nextCursor ? page + 1 : page,
        )
      : 1;

  return (
    <Page title={t('inbox.title')} heading={t('inbox.title')}>
      <p className="kern-body">{t('inbox.intro')}</p>
      <nav aria-label={t('inbox.filterLabel')} className="state-filter">
        <ul className="kern-list kern-list--horizontal state-filter__list">
          <li>
            <Link
              className="kern-link"
              to={filterLink(undefined)}
              aria-current={state === undefined ? 'page' : undefined}
            >
              {t('inbox.all')}
            </Link>
          </li>
          {inboxStates.map((value) => (
            <li key={value}>
              <Link
                className="kern-link"
                to={filterLink(value)}
                aria-current={state === value ? 'page' : undefined}
              >
                {t(`applicationStates.${value}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="search-form" role="search" onSubmit={find}>
        <TextField
          id="eingang-suche"
          label={t('inbox.search')}
          hint={t('inbox.searchHint')}
          value={query}
          onChange={setQuery}
        />
        <div className="search-form__submit">
          <Button type="submit" variant="secondary" icon="search" label={t('inbox.find')} />
        </div>
      </form>
      {callId && (
        <p className="kern-body">
          {t('inbox.callFilter')}{' '}
          <Link className="kern-link" to={`${paths.inbox}${state ? `?status=${state}` : ''}`}>
            {t('inbox.allCalls')}
          </Link>
        </p>
      )}
      {list.status === 'loading' && <Loader label={t('inbox.loading')} />}
      {list.status === 'failed' && (
        <LoadError title={t('inbox.loadFailed')} error={list.error} onRetry={reload} />
      )}
      {list.status === 'loaded' &&
        (list.data.items.length === 0 ? (
          <p className="kern-body">{t('inbox.none')}</p>
        ) : (
          <div className="kern-table-responsive table-wrapper">
            <table className="kern-table kern-table--small">
              <caption className="kern-title">
                {t(list.data.totalCapped ? 'inbox.captionCapped' : 'inbox.caption', {
                  count: list.data.total,
                  total: list.data.total.toLocaleString(i18n.language),
                  state: state ? t(`applicationStates.${state}`) : t('inbox.all'),
                })}
              </caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t('myApplications.columns.title')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('myApplications.columns.state')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('inbox.organisation')}
                  </th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {t('myApplications.columns.requested')}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t('inbox.submittedAt')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {list.data.items.map((application) => (
                  <tr key={application.id} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      <Link className="kern-link" to={inboxApplicationPath(application.id)}>
                        {application.title}
                      </Link>
                      <span className="kern-body kern-body--small kern-body--muted table-subline">
                        {application.reference} · {application.callTitle}
                      </span>
                    </th>
                    <td className="kern-table__cell">
                      <StateBadge state={application.state} />
                    </td>
                    <td className="kern-table__cell">{application.organisationName}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {money(application.requestedCents)}
                    </td>
                    <td className="kern-table__cell">{dateTime(application.submittedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <Pager
        page={page}
        pages={pages}
        label={t('inbox.pagesLabel')}
        onPage={(next) => {
          const params = new URLSearchParams(search);
          params.set('seite', String(next));
          setSearch(params);
        }}
      />
    </Page>
  );
}
