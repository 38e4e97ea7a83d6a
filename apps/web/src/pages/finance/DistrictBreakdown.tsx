import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFieldFigures,
  type AreaFigures,
  districtBalancesExportUrl,
  getDistrictBalances,
} from '../../api/funds';
import { type Bar, FundBarChart } from '../../components/FundBarChart';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { useApiData } from '../../hooks/useApiData';
import { ExportLink } from './ExportLink';
import { money } from './financeShared';
import { TableScroller } from '../../components/TableScroller';

type BarKey = 'budget' | 'committed' | 'paid';
const barClass: Record<BarKey, string> = {
  budget: 'fund-chart__bar--budget',
  committed: 'fund-chart__bar--committed',
  paid: 'fund-chart__bar--paid',
};

/**
 * A district's money in one programme year by area and by action field, each as a table (the
 * data, for everyone) and as bars (the same values, an image whose text alternative lists them).
 * Action fields carry no budget: budgets belong to funds, so their bars show committed and paid.
 */
export function DistrictBreakdown({
  districtId,
  year,
  children,
}: {
  districtId: string;
  year: number;
  /** Shown under the heading: the choice of district, for staff of several. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => getDistrictBalances(districtId, year, { signal }),
    [districtId, year],
  );
  const { state, reload } = useApiData(load);

  const bars = (figures: Partial<Record<`${BarKey}Cents`, string>>, keys: readonly BarKey[]): Bar[] =>
    keys.map((key) => {
      const cents = figures[`${key}Cents`] ?? '0';
      return {
        key,
        label: t(`finance.figures.${key}`),
        cents,
        text: money(cents),
        className: barClass[key],
      };
    });
  const areaName = (area: AreaFigures) => area.areaName ?? t('districtBreakdown.districtWide');
  const fieldName = (field: ActionFieldFigures) =>
    `${field.actionFieldName ?? t('districtBreakdown.noActionField')} (${t(`finance.kinds.${field.fundKind}`)})`;

  return (
    <section aria-labelledby="bezirk-auswertung">
      <h2 className="kern-heading-medium" id="bezirk-auswertung">
        {state.status === 'loaded'
          ? t('districtBreakdown.heading', { district: state.data.districtName, year })
          : t('districtBreakdown.headingPlain', { year })}
      </h2>
      {children}
      {state.status === 'loading' && <Loader label={t('districtBreakdown.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('districtBreakdown.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          <ul className="kern-body export-links">
            <li>
              <ExportLink
                href={districtBalancesExportUrl(districtId, 'csv', year)}
                label={t('districtBreakdown.exportCsv')}
                fallbackName={`salden-${year}.csv`}
              />
            </li>
            <li>
              <ExportLink
                href={districtBalancesExportUrl(districtId, 'xlsx', year)}
                label={t('districtBreakdown.exportXlsx')}
                fallbackName={`salden-${year}.xlsx`}
              />
            </li>
          </ul>

          <h3 className="kern-heading-small">{t('districtBreakdown.byArea')}</h3>
          {state.data.byArea.length === 0 ? (
            <p className="kern-body">{t('districtBreakdown.nothing')}</p>
          ) : (
            <>
              <FiguresTable
                caption={t('districtBreakdown.byAreaCaption', { year })}
                nameHeader={t('finance.columns.area')}
                columns={['budget', 'committed', 'available', 'paid']}
                rows={state.data.byArea.map((area) => ({
                  key: area.areaId ?? 'bezirk',
                  name: areaName(area),
                  figures: area,
                }))}
              />
              <ul className="fund-charts" aria-label={t('districtBreakdown.byAreaCharts')}>
                {state.data.byArea.map((area) => (
                  <li key={area.areaId ?? 'bezirk'} className="fund-charts__item">
                    <p className="kern-body kern-body--bold">{areaName(area)}</p>
                    <FundBarChart title={areaName(area)} bars={bars(area, ['budget', 'committed', 'paid'])} />
                  </li>
                ))}
              </ul>
            </>
          )}

          <h3 className="kern-heading-small">{t('districtBreakdown.byActionField')}</h3>
          {state.data.byActionField.length === 0 ? (
            <p className="kern-body">{t('districtBreakdown.nothing')}</p>
          ) : (
            <>
              <FiguresTable
                caption={t('districtBreakdown.byActionFieldCaption', { year })}
                nameHeader={t('districtBreakdown.actionField')}
                columns={['committed', 'paid', 'outstanding']}
                rows={state.data.byActionField.map((field) => ({
                  key: `${field.actionFieldId ?? 'ohne'}-${field.fundKind}`,
                  name: fieldName(field),
                  figures: field,
                }))}
              />
              <ul className="fund-charts" aria-label={t('districtBreakdown.byActionFieldCharts')}>
                {state.data.byActionField.map((field) => (
                  <li
                    key={`${field.actionFieldId ?? 'ohne'}-${field.fundKind}`}
                    className="fund-charts__item"
                  >
                    <p className="kern-body kern-body--bold">{fieldName(field)}</p>
                    <FundBarChart title={fieldName(field)} bars={bars(field, ['committed', 'paid'])} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

type Column = 'budget' | 'committed' | 'available' | 'paid' | 'outstanding';

function FiguresTable({
  caption,
  nameHeader,
  columns,
  rows,
}: {
  caption: string;
  nameHeader: string;
  columns: readonly Column[];
  rows: { key: string; name: string; figures: Partial<Record<`${Column}Cents`, string>> }[];
}) {
  const { t } = useTranslation();
  return (
    <TableScroller label={caption}>
      <table className="kern-table kern-table--small">
        <caption className="kern-title">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {nameHeader}
            </th>
            {columns.map((column) => (
              <th key={column} scope="col" className="kern-table__header kern-table__header--numeric">
                {t(`finance.figures.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row) => (
            <tr key={row.key} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {row.name}
              </th>
              {columns.map((column) => (
                <td key={column} className="kern-table__cell kern-table__cell--numeric">
                  {money(row.figures[`${column}Cents`] ?? '0')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
