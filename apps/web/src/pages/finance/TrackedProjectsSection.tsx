import { useTranslation } from 'react-i18next';
import type { TrackedProject } from '../../api/funds';
import { TextLink } from '../../components/TextLink';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { newTrackedProjectPath } from '../../paths';
import { money } from './financeShared';
import { TableScroller } from '../../components/TableScroller';

/** What a project has been paid for good: payments minus repayments. */
function paidCents(project: TrackedProject): string {
  return (BigInt(project.disbursedCents) - BigInt(project.repaidCents)).toString();
}

/** The projects of an Aktions-, Projekt- or Baufonds with their money so far, and the way to record one. */
export function TrackedProjectsSection({
  fundId,
  year,
  projects,
  total,
}: {
  fundId: string;
  year: number;
  projects: readonly TrackedProject[];
  total: number;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const caption =
    total > projects.length
      ? t('trackedProjects.captionPartial', { count: projects.length, total })
      : t('trackedProjects.caption', { count: total });
  return (
    <section aria-labelledby="fonds-projekte">
      <h2 className="kern-heading-medium" id="fonds-projekte">
        {t('trackedProjects.heading')}
      </h2>
      <p className="kern-body">{t('trackedProjects.intro')}</p>
      <p className="kern-body">
        <TextLink to={`${newTrackedProjectPath(fundId)}?jahr=${year}`}>
          {t('trackedProjects.record')}
        </TextLink>
      </p>
      {projects.length === 0 ? (
        <p className="kern-body">{t('trackedProjects.none')}</p>
      ) : (
        <TableScroller label={caption}>
          <table className="kern-table kern-table--small">
            <caption className="kern-title">{caption}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                {(['title', 'carrier', 'area', 'actionField', 'decision', 'period'] as const).map(
                  (column) => (
                    <th key={column} scope="col" className="kern-table__header">
                      {t(`trackedProjects.columns.${column}`)}
                    </th>
                  ),
                )}
                {(['amount', 'committed', 'paid'] as const).map((column) => (
                  <th key={column} scope="col" className="kern-table__header kern-table__header--numeric">
                    {t(`trackedProjects.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {projects.map((project) => (
                <tr key={project.id} className="kern-table__row">
                  <th scope="row" className="kern-table__header">
                    {project.title}
                  </th>
                  <td className="kern-table__cell">{project.organisationName}</td>
                  <td className="kern-table__cell">{project.areaName}</td>
                  <td className="kern-table__cell">{project.actionFieldName ?? '–'}</td>
                  <td className="kern-table__cell">{formatDate(project.decisionDate, language)}</td>
                  <td className="kern-table__cell">
                    {t('trackedProjects.periodValue', {
                      start: formatDate(project.periodStart, language),
                      end: formatDate(project.periodEnd, language),
                    })}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">{money(project.amountCents)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {money(project.committedCents)}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">{money(paidCents(project))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  );
}
