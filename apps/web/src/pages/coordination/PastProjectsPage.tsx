import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importPastProjects,
  type PastProjectImportAnswer,
  pastProjectTemplateUrl,
} from '../../api/pastProjects';
import { DescriptionList } from '../../components/DescriptionList';
import { Page } from '../../components/Page';
import { TableImportForm } from '../../components/TableImportForm';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { useMe } from '../../session/SessionContext';
import { districtsWhere } from '../../session/roles';
import { money } from '../finance/financeShared';

/** The columns of the file, in order (docs/api/past-projects.md); each explained on the page. */
const COLUMNS = [
  ['Fonds', 'fund'],
  ['Jahr', 'year'],
  ['Träger', 'carrier'],
  ['Titel', 'title'],
  ['Betrag', 'amount'],
  ['Beginn', 'start'],
  ['Ende', 'end'],
  ['Gebiet', 'area'],
  ['Vorgänger', 'predecessor'],
] as const;

/**
 * „Projekte früherer Jahre“ (issue 21, item 4): a district's coordinators, finance staff and
 * admins import the projects funded before the system was used, so that the double-funding check
 * and the five-year limit see them. A dry run names every problem by row and column first.
 */
export function PastProjectsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const districtIds = districtsWhere(me, 'coordinator', 'finance', 'admin');
  const [failed, setFailed] = useState(false);
  const language = currentLanguage();

  const result = (answer: PastProjectImportAnswer, dryRun: boolean) => ({
    title: t(
      answer.alreadyImported
        ? 'pastProjects.alreadyImported'
        : dryRun
          ? 'tableImport.checked'
          : 'pastProjects.imported',
    ),
    body: (
      <>
        <p className="kern-body">{t('pastProjects.summary', { count: answer.rows.length })}</p>
        <ul className="kern-list">
          {answer.rows.map((row) => (
            <li key={row.row}>
              {t('pastProjects.row', {
                row: row.row,
                fund: t(`finance.kinds.${row.fundKind}`),
                year: row.programmeYear,
                title: row.title,
                amount: money(row.amountCents),
                start: formatDate(row.periodStart, language),
                end: formatDate(row.periodEnd, language),
              })}
            </li>
          ))}
        </ul>
      </>
    ),
  });

  return (
    <Page title={t('pastProjects.title')} heading={t('pastProjects.title')} hasErrors={failed}>
      <p className="kern-body">{t('pastProjects.intro')}</p>
      {districtIds.length === 0 ? (
        <p className="kern-body">{t('pastProjects.noDistrict')}</p>
      ) : (
        <TableImportForm
          id="altprojekte"
          heading={t('pastProjects.heading')}
          intro={
            <>
              <p className="kern-body">{t('pastProjects.fileIntro')}</p>
              <p className="kern-body">
                <code>{COLUMNS.map(([column]) => column).join(';')}</code>
              </p>
              <DescriptionList
                items={COLUMNS.map(([column, key]) => ({
                  key: column,
                  term: column,
                  value: t(`pastProjects.columns.${key}`),
                }))}
              />
              <p className="kern-body">
                <a className="kern-link" href={pastProjectTemplateUrl(districtIds[0]!)} download>
                  <span className="kern-icon kern-icon--download" aria-hidden="true" />{' '}
                  {t('pastProjects.template')}
                </a>
              </p>
            </>
          }
          districtIds={districtIds}
          fileLabel={t('pastProjects.file')}
          fileHint={t('pastProjects.fileHint')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          submitLabel={t('pastProjects.submit')}
          offerDryRun
          upload={importPastProjects}
          result={result}
          onErrors={setFailed}
        />
      )}
    </Page>
  );
}
