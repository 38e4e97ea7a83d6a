import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Booked,
  type EntryKind,
  entryKinds,
  type LedgerEntry,
  ledgerExportUrl,
  listLedger,
  yearlyReportUrl,
} from '../../api/funds';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { SelectField } from '../../components/form/SelectField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Pager } from '../../components/Pager';
import { useApiData } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { ExportLink } from './ExportLink';
import { money } from './financeShared';
import { ReversalDialog } from './ReversalDialog';
import { TableScroller } from '../../components/TableScroller';

const pageSize = 20;

/** Whether finance may cancel the entry here: not a reversal, not cancelled yet, not the workflow's. */
function reversible(entry: LedgerEntry): boolean {
  return entry.kind !== 'reversal' && entry.reversedByEntryId === null && entry.applicationId === null;
}

/**
 * The ledger of a fund in a programme year: filters, exports (with progress), the entries newest
 * first, and the reversal of an entry. `version` changes when something was booked elsewhere on
 * the page; `onChanged` tells the page that a reversal changed the balances.
 */
export function LedgerSection({
  fundId,
  year,
  version,
  onChanged,
}: {
  fundId: string;
  year: number;
  version: number;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [cashYear, setCashYear] = useState('');
  const [kind, setKind] = useState<EntryKind | ''>('');
  const [page, setPage] = useState(1);
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const [reversed, setReversed] = useState<string | null>(null);
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

  function done(result: Booked, entry: LedgerEntry) {
    setReversing(null);
    setReversed(
      t('reversal.done', {
        seq: entry.seq,
        reversalSeq: result.entry.seq,
        amount: money(result.entry.amountCents),
      }),
    );
    reload();
    onChanged();
  }

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
          <ExportLink
            href={ledgerExportUrl(fundId, 'csv', filter)}
            label={t('fund.exportCsv')}
            fallbackName="buchungen.csv"
          />
        </li>
        <li>
          <ExportLink
            href={ledgerExportUrl(fundId, 'xlsx', filter)}
            label={t('fund.exportXlsx')}
            fallbackName="buchungen.xlsx"
          />
        </li>
        <li>
          <ExportLink
            href={yearlyReportUrl(fundId, year)}
            label={t('fund.exportReport', { year })}
            fallbackName={`jahresbericht-${year}.xlsx`}
          />
        </li>
      </ul>
      {reversed && (
        <Alert variant="success" title={t('reversal.doneTitle')} role="status">
          <p className="kern-body">{reversed}</p>
        </Alert>
      )}
      {state.status === 'loading' && <Loader label={t('fund.ledgerLoading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('fund.ledgerLoadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' &&
        (state.data.ledger.items.length === 0 ? (
          <p className="kern-body">{t('fund.noEntries')}</p>
        ) : (
          <TableScroller label={t('fund.ledgerCaption', { count: state.data.ledger.total })}>
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
                  <th scope="col" className="kern-table__header">
                    {t('reversal.column')}
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
                      {entry.reversesSeq && ` ${t('reversal.ofEntry', { seq: entry.reversesSeq })}`}
                    </td>
                    <td className="kern-table__cell">{entry.cashYear ?? '–'}</td>
                    <td className="kern-table__cell">
                      {[entry.projectTitle, entry.reason].filter(Boolean).join(': ') || '–'}
                    </td>
                    <td className="kern-table__cell">{entry.actor?.displayName ?? '–'}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{money(entry.amountCents)}</td>
                    <td className="kern-table__cell">
                      {entry.reversedByEntryId ? (
                        <Badge variant="warning" label={t('reversal.reversed')} />
                      ) : reversible(entry) ? (
                        <button
                          type="button"
                          className="kern-btn kern-btn--tertiary kern-btn--x-small"
                          onClick={() => setReversing(entry)}
                        >
                          <span className="kern-label">
                            {t('reversal.action')}
                            <span className="kern-sr-only">
                              {' '}
                              {t('reversal.actionTarget', { seq: entry.seq })}
                            </span>
                          </span>
                        </button>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        ))}
      <Pager page={page} pages={pages} label={t('fund.pagesLabel')} onPage={setPage} />
      <ReversalDialog entry={reversing} onClose={() => setReversing(null)} onReversed={done} />
    </section>
  );
}
