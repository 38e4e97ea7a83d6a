import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type FundWithBalance, listFunds } from '../../api/funds';
import { FundBarChart } from '../../components/FundBarChart';
import { SelectField } from '../../components/form/SelectField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';
import { fundPath } from '../../paths';
import { useMe } from '../../session/SessionContext';
import { districtsWhere } from '../../session/roles';
import { DistrictBreakdown } from './DistrictBreakdown';
import { programmeYears } from '../../utils/programmeYears';
import { money, yearFromSearch } from './financeShared';
import { currentBerlinYear } from '../../utils/berlinTime';
import { TableScroller } from '../../components/TableScroller';

/**
 * The district's funds for one programme year: figures per fund as a table and as bars, then the
 * district's money by area and by action field, with the balance exports.
 */
export function FinancePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const year = yearFromSearch(search.get('jahr'));
  const districts = districtsWhere(me, 'finance', 'admin', 'senate');
  const [districtId, setDistrictId] = useState(districts[0] ?? '');
  const districtName = (id: string) =>
    me.roles.find((r) => r.districtId === id && r.districtName)?.districtName ?? id;
  const chosen = search.get('jahr') !== null;
  // Without a chosen year, open on one that has figures: the current year, else the one being
  // planned (calls name the next programme year), else the last one.
  useEffect(() => {
    if (chosen) return;
    const controller = new AbortController();
    const current = currentBerlinYear();
    void (async () => {
      for (const candidate of [current, current + 1, current - 1]) {
        const list = await listFunds(candidate, { signal: controller.signal });
        if (list.items.some((fund) => fund.balance.entryCount > 0)) {
          if (candidate !== current) setSearch({ jahr: String(candidate) }, { replace: true });
          return;
        }
      }
    })().catch(() => {
      // The page shows the current year and its own load error; the guess is only a convenience.
    });
    return () => controller.abort();
  }, [chosen, setSearch]);
  const load = useCallback((signal: AbortSignal) => listFunds(year, { signal }), [year]);
  const { state, reload } = useApiData(load);
  const years = programmeYears(year);

  return (
    <Page title={t('finance.title')} heading={t('finance.heading')}>
      <p className="kern-body">{t('finance.intro')}</p>
      <SelectField
        id="programmjahr"
        label={t('finance.programmeYear')}
        value={String(year)}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
        onChange={(value) => setSearch({ jahr: value })}
      />
      {state.status === 'loading' && <Loader label={t('finance.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('finance.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.items.length === 0 ? (
          <p className="kern-body">{t('finance.noFunds')}</p>
        ) : (
          <>
            <NoBudgetHint funds={state.data.items} year={year} />
            <FundTable funds={state.data.items} year={year} />
            <h2 className="kern-heading-medium">{t('finance.chartHeading')}</h2>
            <p className="kern-body">{t('finance.chartIntro')}</p>
            <ul className="fund-charts">
              {state.data.items.map((fund) => (
                <li key={fund.id} className="fund-charts__item">
                  <p className="kern-body kern-body--bold">{fund.name}</p>
                  <FundBarChart
                    title={fund.name}
                    bars={[
                      {
                        key: 'budget',
                        label: t('finance.figures.budget'),
                        cents: fund.balance.budgetCents,
                        text: money(fund.balance.budgetCents),
                        className: 'fund-chart__bar--budget',
                      },
                      {
                        key: 'committed',
                        label: t('finance.figures.committed'),
                        cents: fund.balance.committedCents,
                        text: money(fund.balance.committedCents),
                        className: 'fund-chart__bar--committed',
                      },
                      {
                        key: 'paid',
                        label: t('finance.figures.paid'),
                        cents: fund.balance.paidCents,
                        text: money(fund.balance.paidCents),
                        className: 'fund-chart__bar--paid',
                      },
                    ]}
                  />
                </li>
              ))}
            </ul>
          </>
        ))}
      {districtId && (
        <DistrictBreakdown districtId={districtId} year={year}>
          {districts.length > 1 && (
            <SelectField
              id="auswertung-bezirk"
              label={t('districtBreakdown.district')}
              value={districtId}
              options={districts.map((id) => ({ value: id, label: districtName(id) }))}
              onChange={setDistrictId}
            />
          )}
        </DistrictBreakdown>
      )}
    </Page>
  );
}

/**
 * A programme year without any booking: say where its budget is booked, with a link to the
 * district's Netzwerkfonds (else its first fund) for those who may book.
 */
function NoBudgetHint({ funds, year }: { funds: FundWithBalance[]; year: number }) {
  const { t } = useTranslation();
  const me = useMe();
  if (funds.some((fund) => fund.balance.entryCount > 0)) return null;
  const bookable = funds.filter((fund) => districtsWhere(me, 'finance', 'admin').includes(fund.districtId));
  const target = bookable.find((fund) => fund.kind === 'netzwerkfonds') ?? bookable[0];
  if (!target) return <p className="kern-body">{t('finance.noBudget')}</p>;
  return (
    <p className="kern-body">
      {t('finance.noBudget')} {t('finance.bookOnFundPage')}{' '}
      <Link className="kern-link" to={`${fundPath(target.id)}?jahr=${year}`}>
        {t('finance.bookBudgetOf', { fund: target.name, year })}
      </Link>
      {bookable.length > 1 && <> {t('finance.otherFundsInTable')}</>}
    </p>
  );
}

function FundTable({ funds, year }: { funds: FundWithBalance[]; year: number }) {
  const { t } = useTranslation();
  // The Senate reads the overview; a fund's page is for the district's finance staff who book there.
  const me = useMe();
  const opensFund = (fund: FundWithBalance) =>
    districtsWhere(me, 'finance', 'admin').includes(fund.districtId);
  const columns = ['budget', 'committed', 'available', 'paid'] as const;
  const cents = (fund: FundWithBalance, column: (typeof columns)[number]) => fund.balance[`${column}Cents`];
  return (
    <TableScroller label={t('finance.tableCaption', { year })}>
      <table className="kern-table kern-table--small">
        <caption className="kern-title">{t('finance.tableCaption', { year })}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('finance.columns.fund')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('finance.columns.kind')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('finance.columns.area')}
            </th>
            {columns.map((column) => (
              <th key={column} scope="col" className="kern-table__header kern-table__header--numeric">
                {t(`finance.figures.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {funds.map((fund) => (
            <tr key={fund.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {opensFund(fund) ? (
                  <Link className="kern-link" to={`${fundPath(fund.id)}?jahr=${year}`}>
                    {fund.name}
                  </Link>
                ) : (
                  <>
                    {fund.name}
                    <span className="kern-body kern-body--small kern-body--muted table-subline">
                      {fund.districtName}
                    </span>
                  </>
                )}
              </th>
              <td className="kern-table__cell">{t(`finance.kinds.${fund.kind}`)}</td>
              <td className="kern-table__cell">{fund.areaName ?? t('finance.wholeDistrict')}</td>
              {columns.map((column) => (
                <td key={column} className="kern-table__cell kern-table__cell--numeric">
                  {money(cents(fund, column))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
