import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApplicationState, getHistory, type HistoryItem } from '../../api/applications';
import { useApiData } from '../../hooks/useApiData';
import { Loader } from '../Loader';
import { LoadError } from '../LoadError';
import { dateTime } from './format';
import { timelineStates } from './lifecycle';

type StepStatus = 'done' | 'current' | 'upcoming';

/** Where the application stands on the usual path; a state off the path keeps the last step reached. */
function stepStatuses(state: ApplicationState, reached: ReadonlySet<string>): StepStatus[] {
  const index = timelineStates.indexOf(state);
  return timelineStates.map((step, i) => {
    if (index >= 0) return i < index ? 'done' : i === index ? 'current' : 'upcoming';
    return reached.has(step) ? 'done' : 'upcoming';
  });
}

/**
 * The application's way through the lifecycle: the steps of the usual path (done, current,
 * upcoming) and below them every recorded step with who did it, when, and why.
 */
export function StatusTimeline({
  applicationId,
  state,
  version,
  headingLevel = 2,
}: {
  applicationId: string;
  state: ApplicationState;
  /** Reloads the history when the application moved on. */
  version: number;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const load = useCallback(
    async (signal: AbortSignal) => ({ version, history: await getHistory(applicationId, { signal }) }),
    [applicationId, version],
  );
  const { state: history, reload } = useApiData(load);
  const Heading = `h${headingLevel}` as const;
  const SubHeading = `h${headingLevel + 1}` as 'h3' | 'h4';
  const items = history.status === 'loaded' ? history.data.history.items : [];
  const reached = new Set(
    items.flatMap((item) => [item.fromState, item.toState]).filter(Boolean) as string[],
  );
  const statuses = stepStatuses(state, reached);
  const offPath = !timelineStates.includes(state);

  return (
    <section className="page__section status-timeline" aria-labelledby="antrag-verlauf">
      <Heading className="kern-heading-medium" id="antrag-verlauf">
        {t('timeline.heading')}
      </Heading>
      {offPath && (
        <p className="kern-body">{t('timeline.offPath', { state: t(`applicationStates.${state}`) })}</p>
      )}
      <ol className="status-steps">
        {timelineStates.map((step, index) => (
          <li
            key={step}
            className={`status-steps__item status-steps__item--${statuses[index]}`}
            aria-current={statuses[index] === 'current' ? 'step' : undefined}
          >
            <span
              className={`kern-icon kern-icon--${statuses[index] === 'done' ? 'check' : statuses[index] === 'current' ? 'arrow-forward' : 'default'}`}
              aria-hidden="true"
            />
            <span className="kern-body">
              {t(`applicationStates.${step}`)}
              <span className="kern-sr-only">: {t(`timeline.step.${statuses[index]!}`)}</span>
            </span>
          </li>
        ))}
      </ol>
      <SubHeading className="kern-heading-small">{t('timeline.historyHeading')}</SubHeading>
      {history.status === 'loading' && <Loader label={t('timeline.loading')} />}
      {history.status === 'failed' && (
        <LoadError title={t('timeline.loadFailed')} error={history.error} onRetry={reload} />
      )}
      {history.status === 'loaded' &&
        (items.length === 0 ? (
          <p className="kern-body">{t('timeline.empty')}</p>
        ) : (
          <ol className="history-list">
            {[...items].reverse().map((item, index) => (
              <HistoryEntry key={`${item.at}-${index}`} item={item} />
            ))}
          </ol>
        ))}
    </section>
  );
}

function HistoryEntry({ item }: { item: HistoryItem }) {
  const { t, i18n } = useTranslation();
  const eventKey = `timeline.events.${item.event ?? ''}`;
  const actionKey = `timeline.actions.${item.action}`;
  let what: string;
  if (item.event && i18n.exists(eventKey)) what = t(eventKey as 'timeline.events.SUBMIT');
  else if (i18n.exists(actionKey)) what = t(actionKey as 'timeline.actions.application_created');
  else if (item.toState)
    what = t('timeline.movedTo', { state: t(`applicationStates.${item.toState as ApplicationState}`) });
  else what = item.action;
  return (
    <li className="history-list__item">
      <p className="kern-body">
        <time dateTime={item.at} className="kern-body--bold">
          {dateTime(item.at)}
        </time>{' '}
        – {what}
        {item.actorName && ` ${t('timeline.by', { name: item.actorName })}`}
      </p>
      {item.comment && <p className="kern-body kern-body--muted history-list__comment">{item.comment}</p>}
    </li>
  );
}
