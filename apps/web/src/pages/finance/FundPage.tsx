import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import {
  type EntryKind,
  entryKinds,
  getFund,
  getFundYear,
  ledgerExportUrl,
  listLedger,
  yearlyReportUrl,
} from '../../api/funds';
import { DescriptionList } from '../../components/DescriptionList';
import { SelectField } from '../../components/form/SelectField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { paths } from '../../paths';
import { BookingForm } from './BookingForm';
import { money, programmeYears, yearFromSearch } from './financeShared';

const pageSize = 20;

/** One fund in one programme year: figures, cash years, the ledger, booking budgets, exports. */
export function FundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const year = yearFromSearch(search.get('jahr'));
  const [version, setVersion] = useState(0);

  const loadFund = useCallback(
    async (signal: AbortSignal) => {
      const [fund, figures] = await Promise.all([getFund(id, { signal }), getFundYear(id, year, { signal })]);
      return { fund, figures };
    },
    [id, year],
  );
  const { state, reload } = useApiData(loadFund);
  const years = programmeYears();
  if (!years.includes(year)) years.push(year);

  const name = state.status === 'loaded' ? state.data.fund.name : t('fund.title');

  return (
    <Page title={name} heading={name}>
      <p className="kern-body">
        <TextLink to={`${paths.finance}?jahr=${year}`}>{t('fund.back')}</TextLink>
      </p>
      <SelectField
        id="fonds-programmjahr"
        label={t('finance.programmeYear')}
        value={String(year)}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
        onChange={(value) => setSearch({ jahr: value })}
      />
      {state.status === 'loading' && <Loader label={t('fund.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('fund.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          <section aria-labelledby="fonds-salden">
            <h2 className="kern-heading-medium" id="fonds-salden">
              {t('fund.balanceHeading', { year })}
            </h2>
            <DescriptionList
              items={[
                {
                  key: 'kind',
                  term: t('finance.columns.kind'),
                  value: t(`finance.kinds.${state.data.fund.kind}`),
                },
                {
                  key: 'area',
                  term: t('finance.columns.area'),
                  value: state.data.fund.areaName ?? t('finance.wholeDistrict'),
                },
                ...(['budget', 'committed', 'available', 'paid', 'outstanding'] as const).map((figure) => ({
                  key: figure,
                  term: t(`finance.figures.${figure}`),
                  value: money(state.data.figures[`${figure}Cents`]),
                })),
              ]}
            />
            <CashYearTable figures={state.data.figures.cashYears} year={year} />
          </section>
          <BookingForm
            fundId={id}
            programmeYear={year}
            onBooked={() => {
              reload();
              setVersion((n) => n + 1);
            }}
          />
          <LedgerSection fundId={id} year={year} version={version} />
        </>
      )}
    </Page>
  );
}

function CashYearTable({
  figures,
  year,
}: {
  figures: { cashYear: number; plannedCents: string; paidCents: string }[];
  year: number;
}) {
  const { t } = useTranslation();
  if (figures.length === 0) return <p className="kern-body">{t('fund.noCashYears')}</p>;
  return (
    <div className="kern-table-responsive table-wrapper">
      <table className="kern-table kern-table--small">
        <caption className="kern-title">{t('fund.cashYearsCaption', { year })}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('fund.cashYear')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('fund.planned')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('finance.figures.paid')}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {figures.map((row) => (
            <tr key={row.cashYear} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {row.cashYear}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{money(row.plannedCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{money(row.paidCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LedgerSection({ fundId, year, version }: { fundId: string; year: number; version: number }) {
  const { t } = useTranslation();
  const [cashYear, setCashYear] = useState('');
  const [kind, setKind] = useState<EntryKind | ''>('');
  const [page, setPage] = useState(1);
  const filter = {
    programmeYear: year,
    cashYear: cashYear ? Number(cashYear) : undefined,
    kind: kind || undefined,
  };
  const load = useCallback(
    async (signal: AbortSignal) => {
      const ledger = await listLedger(
        fundId,
        {
          programmeYear: year,
          cashYear: cashYear ? Number(cashYear) : undefined,
          kind: kind || undefined,
          page,
          pageSize,
        },
        { signal },
      );
      return { ledger, version };
    },
    [fundId, year, cashYear, kind, page, version],
  );
  const { state, reload } = useApiData(load);
  const cashYears = [year, year + 1, year + 2, year + 3];
  const pages = state.status === 'loaded' ? Math.max(1, Math.ceil(state.data.ledger.total / pageSize)) : 1;

  return (
    <section aria-labelledby="fonds-buchungen">
      <h2 className="kern-heading-medium" id="fonds-buchungen">
        {t('fund.ledgerHeading')}
      </h2>
      <div className="ledger-filters">
        <SelectField
          id="filter-kassenjahr"
          label={t('fund.cashYear')}
          value={cashYear}
          options={[
            { value: '', label: t('fund.allCashYears') },
            ...cashYears.map((y) => ({ value: String(y), label: String(y) })),
          ]}
          onChange={(value) => {
            setCashYear(value);
            setPage(1);
          }}
        />
        <SelectField
          id="filter-buchungsart"
          label={t('fund.entryKind')}
          value={kind}
          options={[
            { value: '', label: t('fund.allKinds') },
            ...entryKinds.map((k) => ({ value: k, label: t(`fund.kinds.${k}`) })),
          ]}
          onChange={(value) => {
            setKind(value as EntryKind | '');
            setPage(1);
          }}
        />
      </div>
      <ul className="kern-body export-links">
        <li>
          <a className="kern-link" href={ledgerExportUrl(fundId, 'csv', filter)} download>
            {t('fund.exportCsv')}
          </a>
        </li>
        <li>
          <a className="kern-link" href={ledgerExportUrl(fundId, 'xlsx', filter)} download>
            {t('fund.exportXlsx')}
          </a>
        </li>
        <li>
          <a className="kern-link" href={yearlyReportUrl(fundId, year)} download>
            {t('fund.exportReport', { year })}
          </a>
        </li>
      </ul>
      {state.status === 'loading' && <Loader label={t('fund.ledgerLoading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('fund.ledgerLoadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.ledger.items.length === 0 ? (
          <p className="kern-body">{t('fund.noEntries')}</p>
        ) : (
          <div className="kern-table-responsive table-wrapper">
            <table className="kern-table kern-table--small">
              <caption className="kern-title">
                {t('fund.ledgerCaption', { count: state.data.ledger.total })}
              </caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  {(['seq', 'bookedAt', 'kind', 'cashYear', 'reason', 'actor'] as const).map((column) => (
                    <th key={column} scope="col" className="kern-table__header">
                      {t(`fund.columns.${column}`)}
                    </th>
                  ))}
                  <th scope="col" className="kern-table__header kern-table__header--numeric">
                    {t('fund.columns.amount')}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {state.data.ledger.items.map((entry) => (
                  <tr key={entry.id} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      {entry.seq}
                    </th>
                    <td className="kern-table__cell">{formatDateTime(entry.bookedAt, currentLanguage())}</td>
                    <td className="kern-table__cell">
                      {t(`fund.kinds.${entry.kind}`)}
                      {entry.direction && ` (${t(`fund.directions.${entry.direction}`)})`}
                    </td>
                    <td className="kern-table__cell">{entry.cashYear ?? '–'}</td>
                    <td className="kern-table__cell">{entry.reason ?? entry.projectTitle ?? '–'}</td>
                    <td className="kern-table__cell">{entry.actor?.displayName ?? '–'}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{money(entry.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <Pager page={page} pages={pages} label={t('fund.pagesLabel')} onPage={setPage} />
    </section>
  );
}
