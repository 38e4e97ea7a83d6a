import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { getFund, getFundYear, listTrackedProjects } from '../../api/funds';
import { Alert } from '../../components/Alert';
import { DescriptionList } from '../../components/DescriptionList';
import { SelectField } from '../../components/form/SelectField';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { paths } from '../../paths';
import { BookingForm } from './BookingForm';
import { programmeYears } from '../../utils/programmeYears';
import { money, yearFromSearch } from './financeShared';
import { LedgerSection } from './LedgerSection';
import type { RecordedProjectState } from './NewTrackedProjectPage';
import { ProjectBookingForm } from './ProjectBookingForm';
import { TrackedProjectsSection } from './TrackedProjectsSection';
import { TableScroller } from '../../components/TableScroller';

/**
 * One fund in one programme year: figures, cash years, booking budgets, and for the Aktions-,
 * Projekt- and Baufonds their projects and the project money; then the ledger with reversals and
 * the exports.
 */
export function FundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const year = yearFromSearch(search.get('jahr'));
  const [version, setVersion] = useState(0);
  const recorded = (useLocation().state as RecordedProjectState | null)?.recordedProject;

  const loadFund = useCallback(
    async (signal: AbortSignal) => {
      const [fund, figures] = await Promise.all([getFund(id, { signal }), getFundYear(id, year, { signal })]);
      // The Netzwerkfonds has applications, not tracked projects.
      const projects = fund.kind === 'netzwerkfonds' ? null : await listTrackedProjects(id, { signal });
      return { fund, figures, projects };
    },
    [id, year],
  );
  const { state, reload } = useApiData(loadFund);
  const years = programmeYears(year);

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
      {recorded && (
        <Alert variant="success" title={t('trackedProjects.recordedTitle')} role="status">
          <p className="kern-body">{t('trackedProjects.recorded', { title: recorded })}</p>
        </Alert>
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
          {state.data.projects && (
            <>
              <TrackedProjectsSection
                fundId={id}
                year={year}
                projects={state.data.projects.items}
                total={state.data.projects.total}
              />
              <ProjectBookingForm
                fundId={id}
                programmeYear={year}
                projects={state.data.projects.items}
                onBooked={() => {
                  reload();
                  setVersion((n) => n + 1);
                }}
              />
            </>
          )}
          <LedgerSection fundId={id} year={year} version={version} onChanged={reload} />
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
    <TableScroller label={t('fund.cashYearsCaption', { year })}>
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
    </TableScroller>
  );
}
