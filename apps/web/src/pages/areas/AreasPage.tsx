import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AreaList,
  importAreaShapes,
  importIndicators,
  importLorAreas,
  type IndicatorImportResult,
  listAreas,
} from '../../api/areas';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/form/SelectField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TableImportForm } from '../../components/TableImportForm';
import { TableScroller } from '../../components/TableScroller';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { useMe } from '../../session/SessionContext';
import { districtsWhere } from '../../session/roles';
import { money } from '../finance/financeShared';
import { AREA_KINDS, type AreaKind, areaKindLabel, formatIndicator, indicatorLabel } from './areaFormat';
import { AreaMap } from './AreaMap';
import { shownRuleText } from '../../components/form/serverText';

type Sort = { key: string; order: 'asc' | 'desc' };

/** The path of one area's page. */
export function areaPath(id: string): string {
  return `/gebiete/${encodeURIComponent(id)}`;
}

/**
 * „Gebiete und Indikatoren“ (issue 21): every area the caller may see with its latest indicators
 * and the money that reaches it, sortable by any indicator, so a planner sees whether the money
 * reaches the areas with the lowest status. Coordinators and admins import indicator tables here.
 */
export function AreasPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [sort, setSortState] = useState<Sort>({ key: 'name', order: 'asc' });
  const [kind, setKindState] = useState<AreaKind | ''>('');
  const [page, setPage] = useState(1);
  const setSort = (next: Sort) => {
    setSortState(next);
    setPage(1);
  };
  const setKind = (next: string) => {
    setKindState(AREA_KINDS.find((value) => value === next) ?? '');
    setPage(1);
  };
  const load = useCallback(
    (signal: AbortSignal) =>
      listAreas({ sort: sort.key, order: sort.order, kind: kind || undefined, page }, { signal }),
    [sort, kind, page],
  );
  const { state, reload } = useApiData(load);
  const importDistricts = districtsWhere(me, 'coordinator', 'admin');
  const adminDistricts = districtsWhere(me, 'admin');
  const [failed, setFailed] = useState(false);

  return (
    <Page title={t('areas.title')} heading={t('areas.title')} hasErrors={failed}>
      <p className="kern-body">{t('areas.intro')}</p>
      {state.status === 'loading' && <Loader label={t('areas.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('areas.loadFailed')} error={state.error} onRetry={reload} />
      )}
      <SelectField
        id="gebiete-art"
        label={t('areas.kindFilter')}
        value={kind}
        options={[
          { value: '', label: t('areas.allKinds') },
          ...AREA_KINDS.map((value) => ({ value, label: areaKindLabel(value, t) })),
        ]}
        onChange={setKind}
      />
      {state.status === 'loaded' && (
        <>
          <AreaMap items={state.data.items} indicators={state.data.indicators} />
          <AreaTable list={state.data} sort={sort} onSort={setSort} />
          {(page > 1 || state.data.hasMore) && (
            <nav className="pager" aria-label={t('areas.pagesLabel')}>
              <Button
                variant="secondary"
                icon="arrow-back"
                label={t('pager.previous')}
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
              />
              <p className="kern-body">{t('areas.pageNumber', { page })}</p>
              <Button
                variant="secondary"
                icon="arrow-forward"
                label={t('pager.next')}
                disabled={!state.data.hasMore}
                onClick={() => setPage(page + 1)}
              />
            </nav>
          )}
        </>
      )}
      {importDistricts.length > 0 && (
        <ImportForm districtIds={importDistricts} onImported={reload} onErrors={setFailed} />
      )}
      {adminDistricts.length > 0 && <LorImportForm districtIds={adminDistricts} onImported={reload} />}
      {importDistricts.length > 0 && <ShapesImportForm districtIds={importDistricts} onImported={reload} />}
    </Page>
  );
}

function AreaTable({ list, sort, onSort }: { list: AreaList; sort: Sort; onSort(sort: Sort): void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (list.items.length === 0) return <p className="kern-body">{t('areas.none')}</p>;
  const hasSamples = list.items.some((item) => item.indicators.some((i) => i.sample));
  const header = (key: string, label: string, numeric = false) => {
    const active = sort.key === key;
    const next: Sort = { key, order: active && sort.order === 'asc' ? 'desc' : 'asc' };
    return (
      <th
        scope="col"
        className={`kern-table__header${numeric ? ' kern-table__header--numeric' : ''}`}
        aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" className="sort-button" onClick={() => onSort(next)}>
          {label}
          <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
          <span className="visually-hidden">
            {t(active && sort.order === 'asc' ? 'areas.sortDescending' : 'areas.sortAscending')}
          </span>
        </button>
      </th>
    );
  };
  return (
    <>
      {hasSamples && (
        <Alert variant="info" title={t('areas.samplesTitle')}>
          <p className="kern-body">{t('areas.samplesText')}</p>
        </Alert>
      )}
      <TableScroller label={t('areas.caption')}>
        <table className="kern-table kern-table--small">
          <caption className="kern-title">{t('areas.caption')}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              {header('name', t('areas.name'))}
              <th scope="col" className="kern-table__header">
                {t('areas.district')}
              </th>
              {list.indicators.map((key) => header(key, indicatorLabel(key, t), true))}
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                {t('areas.committed')}
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                {t('areas.paid')}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {list.items.map((item) => (
              <tr key={item.id} className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  <TextLink to={areaPath(item.id)}>{item.name}</TextLink>
                  <span className="kern-body kern-body--small">
                    {' '}
                    {areaKindLabel(item.kind, t)}
                    {item.code ? ` ${item.code}` : ''}
                  </span>
                </th>
                <td className="kern-table__cell">{item.districtName}</td>
                {list.indicators.map((key) => {
                  const value = item.indicators.find((i) => i.indicator === key);
                  return (
                    <td key={key} className="kern-table__cell kern-table__cell--numeric">
                      {value ? (
                        <>
                          {formatIndicator(value, language)}
                          <span className="kern-body kern-body--small">
                            {' '}
                            {value.year}
                            {value.sample ? `, ${t('areas.sample')}` : ''}
                          </span>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  );
                })}
                <td className="kern-table__cell kern-table__cell--numeric">{money(item.committedCents)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(item.paidCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {hasSamples && <Badge variant="warning" label={t('areas.sample')} />}
    </>
  );
}

function ImportForm({
  districtIds,
  onImported,
  onErrors,
}: {
  districtIds: string[];
  onImported(): void;
  onErrors(failed: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <TableImportForm
      id="indikatoren"
      heading={t('areas.import.heading')}
      intro={
        <>
          <p className="kern-body">{t('areas.import.intro')}</p>
          <ul className="kern-list">
            <li>
              <code>PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index</code>
            </li>
            <li>
              <code>Gebiet;Jahr;Indikator;Wert;Einheit;Quelle</code>
            </li>
          </ul>
        </>
      }
      districtIds={districtIds}
      fileLabel={t('areas.import.file')}
      fileHint={t('areas.import.fileHint')}
      accept=".csv,text/csv"
      submitLabel={t('areas.import.submit')}
      offerDryRun
      upload={importIndicators}
      result={(done: IndicatorImportResult) => ({
        title: t(done.dryRun ? 'tableImport.checked' : 'areas.import.imported'),
        body: (
          <p className="kern-body">
            {t('areas.import.summary', { rows: done.rows, values: done.values, areas: done.areas })}
          </p>
        ),
      })}
      onImported={onImported}
      onErrors={onErrors}
    />
  );
}

/** Administrators import their district's part of the Senate's LOR table: the planning grid. */
function LorImportForm({ districtIds, onImported }: { districtIds: string[]; onImported(): void }) {
  const { t } = useTranslation();
  return (
    <TableImportForm
      id="lor"
      heading={t('areas.lor.heading')}
      intro={
        <>
          <p className="kern-body">{t('areas.lor.intro')}</p>
          <p className="kern-body">
            <code>PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ</code>
          </p>
        </>
      }
      districtIds={districtIds}
      fileLabel={t('areas.lor.file')}
      accept=".csv,text/csv"
      submitLabel={t('areas.lor.submit')}
      upload={(districtId, file) => importLorAreas(districtId, file)}
      result={(done) => ({
        title: t('areas.lor.imported'),
        body: <p className="kern-body">{t('areas.lor.summary', done)}</p>,
      })}
      onImported={onImported}
    />
  );
}

/** Coordinators and admins import the outlines of their district's areas for the map (GeoJSON). */
function ShapesImportForm({ districtIds, onImported }: { districtIds: string[]; onImported(): void }) {
  const { t } = useTranslation();
  return (
    <TableImportForm
      id="umrisse"
      heading={t('areas.shapes.heading')}
      intro={<p className="kern-body">{t('areas.shapes.intro')}</p>}
      districtIds={districtIds}
      fileLabel={t('areas.shapes.file')}
      fileHint={t('areas.shapes.fileHint')}
      accept=".geojson,.json,application/geo+json,application/json"
      submitLabel={t('areas.shapes.submit')}
      offerDryRun
      upload={importAreaShapes}
      result={(done) => ({
        title: t(done.dryRun ? 'tableImport.checked' : 'areas.shapes.imported'),
        body: <p className="kern-body">{t('areas.shapes.summary', { areas: done.areas })}</p>,
      })}
      problemText={(p) =>
        t('areas.shapes.problem', { row: p.row, column: p.column ?? p.field, message: shownRuleText(p) })
      }
      onImported={onImported}
    />
  );
}
