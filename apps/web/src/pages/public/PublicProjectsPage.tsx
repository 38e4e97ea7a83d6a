import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPublicProjects, publicProjectsDataUrl, type PublicProject } from '../../api/publicProjects';
import { day, money } from '../../components/applications/format';
import { DescriptionList } from '../../components/DescriptionList';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { ExternalLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';

/**
 * Funded projects for everyone, without login (issue 21): the approved projects whose carriers
 * consented to publication, Berlin-wide or of one district, with the open-data files. Each project
 * is a card of facts rather than a table row, so the page reads at 320 px without scrolling sideways.
 */
export function PublicProjectsPage() {
  const { t } = useTranslation();
  const filterId = useId();
  const load = useCallback((signal: AbortSignal) => listPublicProjects({ signal }), []);
  const { state, reload } = useApiData(load);
  const [district, setDistrict] = useState('');

  const districts =
    state.status === 'loaded'
      ? [...new Map(state.data.projects.map((p) => [p.district.slug, p.district.name])).entries()].sort(
          (a, b) => a[1].localeCompare(b[1], 'de'),
        )
      : [];
  const shown =
    state.status === 'loaded'
      ? state.data.projects.filter((p) => district === '' || p.district.slug === district)
      : [];
  const total = shown.reduce((sum, p) => sum + BigInt(p.amountCents), 0n);

  return (
    <Page title={t('publicProjects.title')} heading={t('publicProjects.title')}>
      <p className="kern-body">{t('publicProjects.intro')}</p>
      {state.status === 'loading' && <Loader label={t('publicProjects.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('publicProjects.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          <div className="kern-form-input page__block">
            <label className="kern-label" htmlFor={filterId}>
              {t('publicProjects.district')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select
                id={filterId}
                className="kern-form-input__select"
                value={district}
                onChange={(event) => setDistrict(event.target.value)}
              >
                <option value="">{t('publicProjects.allDistricts')}</option>
                {districts.map(([slug, name]) => (
                  <option key={slug} value={slug}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="kern-body" role="status">
            {t('publicProjects.summary', { count: shown.length, total: money(total) })}
          </p>
          <p className="kern-body">
            {t('publicProjects.openData')}{' '}
            <ExternalLink href={publicProjectsDataUrl('csv', district || undefined)}>
              {t('publicProjects.csv')}
            </ExternalLink>{' '}
            ·{' '}
            <ExternalLink href={publicProjectsDataUrl('json', district || undefined)}>
              {t('publicProjects.json')}
            </ExternalLink>
          </p>
          {shown.length === 0 ? (
            <p className="kern-body">{t('publicProjects.none')}</p>
          ) : (
            <ul className="public-projects">
              {shown.map((project) => (
                <ProjectCard key={project.reference} project={project} />
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}

function ProjectCard({ project }: { project: PublicProject }) {
  const { t } = useTranslation();
  const none = t('publicProjects.noneNamed');
  return (
    <li className="public-projects__item">
      <article aria-labelledby={`projekt-${project.reference}`}>
        <h2 className="kern-heading-small" id={`projekt-${project.reference}`}>
          {project.title}
        </h2>
        <DescriptionList
          items={[
            { key: 'reference', term: t('publicProjects.reference'), value: project.reference },
            { key: 'carrier', term: t('publicProjects.carrier'), value: project.carrier },
            { key: 'district', term: t('publicProjects.district'), value: project.district.name },
            { key: 'fund', term: t('publicProjects.fund'), value: t(`finance.kinds.${project.fundKind}`) },
            { key: 'year', term: t('publicProjects.programmeYear'), value: project.programmeYear },
            { key: 'amount', term: t('publicProjects.amount'), value: money(String(project.amountCents)) },
            {
              key: 'period',
              term: t('publicProjects.period'),
              value: t('publicProjects.periodValue', {
                from: day(project.periodStart),
                to: day(project.periodEnd),
              }),
            },
            { key: 'areas', term: t('publicProjects.areas'), value: project.areas.join(', ') || none },
            {
              key: 'actionFields',
              term: t('publicProjects.actionFields'),
              value: project.actionFields.join(', ') || none,
            },
          ]}
        />
      </article>
    </li>
  );
}
