import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AreaList,
  importIndicators,
  importLorAreas,
  type IndicatorImportResult,
  listAreas,
} from '../../api/areas';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/form/SelectField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TableScroller } from '../../components/TableScroller';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { useMe } from '../../session/SessionContext';
import { districtsWhere } from '../../session/roles';
import { money } from '../finance/financeShared';
import { AREA_KINDS, areaKindLabel, formatIndicator, indicatorLabel } from './areaFormat';

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
  const [kind, setKindState] = useState('');
  const [page, setPage] = useState(1);
  const setSort = (next: Sort) => {
    setSortState(next);
    setPage(1);
  };
  const setKind = (next: string) => {
    setKindState(next);
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

type Problem = { row?: number; column?: string; field: string; message?: string };

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
  const me = useMe();
  const names = new Map(me.roles.map((r) => [r.districtId, r.districtName ?? r.districtId]));
  const [districtId, setDistrictId] = useState(districtIds[0]!);
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<IndicatorImportResult | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setProblems(null);
    setMessage(null);
    if (!file) {
      setMessage(t('areas.import.fileRequired'));
      onErrors(true);
      return;
    }
    setBusy(true);
    try {
      const result = await importIndicators(districtId, file, dryRun);
      setDone(result);
      onErrors(false);
      if (!result.dryRun) onImported();
    } catch (error) {
      onErrors(true);
      if (isApiError(error)) {
        setMessage(error.message);
        setProblems([...error.details]);
      } else setMessage(t('areas.import.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      className="form page__section"
      aria-labelledby="indikatoren-import"
      onSubmit={(event) => void submit(event)}
    >
      <h2 className="kern-heading-medium" id="indikatoren-import">
        {t('areas.import.heading')}
      </h2>
      <p className="kern-body">{t('areas.import.intro')}</p>
      <ul className="kern-list">
        <li>
          <code>PLR_ID;PLR_NAME;Jahr;Statusindex;Dynamikindex;Status-Dynamik-Index</code>
        </li>
        <li>
          <code>Gebiet;Jahr;Indikator;Wert;Einheit;Quelle</code>
        </li>
      </ul>
      {(message || problems) && <ProblemList message={message} problems={problems} />}
      {done && (
        <Alert variant="success" title={t(done.dryRun ? 'areas.import.checked' : 'areas.import.imported')}>
          <p className="kern-body">
            {t('areas.import.summary', { rows: done.rows, values: done.values, areas: done.areas })}
          </p>
        </Alert>
      )}
      {districtIds.length > 1 && (
        <SelectField
          id="indikatoren-bezirk"
          label={t('areas.import.district')}
          value={districtId}
          options={districtIds.map((id) => ({ value: id, label: names.get(id) ?? id }))}
          onChange={setDistrictId}
        />
      )}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="indikatoren-datei">
          {t('areas.import.file')}
        </label>
        <div className="kern-hint" id="indikatoren-datei-hinweis">
          {t('areas.import.fileHint')}
        </div>
        <input
          id="indikatoren-datei"
          type="file"
          accept=".csv,text/csv"
          className="kern-form-input__input"
          aria-describedby="indikatoren-datei-hinweis"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <div className="kern-form-check">
        <input
          id="indikatoren-probelauf"
          type="checkbox"
          className="kern-form-check__checkbox"
          checked={dryRun}
          onChange={(event) => setDryRun(event.target.checked)}
        />
        <label className="kern-label" htmlFor="indikatoren-probelauf">
          {t('areas.import.dryRun')}
        </label>
      </div>
      <div>
        <Button type="submit" disabled={busy} label={t('areas.import.submit')} />
      </div>
    </form>
  );
}

/** What was wrong with an uploaded table, each problem by row and column. */
function ProblemList({ message, problems }: { message: string | null; problems: Problem[] | null }) {
  const { t } = useTranslation();
  return (
    <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{t('areas.import.problemsTitle')}</span>
      </div>
      <div className="kern-alert__body">
        {message && <p className="kern-body">{message}</p>}
        {problems && problems.length > 0 && (
          <ul className="kern-list">
            {problems.map((p, i) => (
              <li key={i}>
                {p.row !== undefined
                  ? t('areas.import.problem', { row: p.row, column: p.column, message: p.message ?? '' })
                  : `${p.field}: ${p.message ?? ''}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Administrators import their district's part of the Senate's LOR table: the planning grid. */
function LorImportForm({ districtIds, onImported }: { districtIds: string[]; onImported(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const names = new Map(me.roles.map((r) => [r.districtId, r.districtName ?? r.districtId]));
  const [districtId, setDistrictId] = useState(districtIds[0]!);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<{ areas: number; planungsraeume: number } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setProblems(null);
    setMessage(null);
    if (!file) {
      setMessage(t('areas.import.fileRequired'));
      return;
    }
    setBusy(true);
    try {
      setDone(await importLorAreas(districtId, file));
      onImported();
    } catch (error) {
      if (isApiError(error)) {
        setMessage(error.message);
        setProblems([...error.details]);
      } else setMessage(t('areas.import.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      className="form page__section"
      aria-labelledby="lor-import"
      onSubmit={(event) => void submit(event)}
    >
      <h2 className="kern-heading-medium" id="lor-import">
        {t('areas.lor.heading')}
      </h2>
      <p className="kern-body">{t('areas.lor.intro')}</p>
      <p className="kern-body">
        <code>PLR_ID;PLR_NAME;BZR_ID;BZR_NAME;PGR_ID;PGR_NAME;BEZ</code>
      </p>
      {(message || problems) && <ProblemList message={message} problems={problems} />}
      {done && (
        <Alert variant="success" title={t('areas.lor.imported')}>
          <p className="kern-body">{t('areas.lor.summary', done)}</p>
        </Alert>
      )}
      {districtIds.length > 1 && (
        <SelectField
          id="lor-bezirk"
          label={t('areas.import.district')}
          value={districtId}
          options={districtIds.map((id) => ({ value: id, label: names.get(id) ?? id }))}
          onChange={setDistrictId}
        />
      )}
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="lor-datei">
          {t('areas.lor.file')}
        </label>
        <input
          id="lor-datei"
          type="file"
          accept=".csv,text/csv"
          className="kern-form-input__input"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <div>
        <Button type="submit" disabled={busy} label={t('areas.lor.submit')} />
      </div>
    </form>
  );
}
