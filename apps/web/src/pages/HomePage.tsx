import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { getNextSteps, type NextStep, type NextStepKey } from '../api/home';
import { Alert } from '../components/Alert';
import { Card } from '../components/Card';
import { HealthStatus } from '../components/HealthStatus';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import type { Me } from '../api/identity';
import { useApiData } from '../hooks/useApiData';
import { formatDate, formatDateTime } from '../i18n/format';
import { currentLanguage, type Language } from '../i18n';
import {
  applicationPath,
  fundPath,
  inboxApplicationPath,
  paths,
  programmePlanPath,
  sessionPath,
} from '../paths';
import { useSession } from '../session/SessionContext';
import { hasRole, isCarrier } from '../session/roles';
import type { WelcomeState } from './InvitationPage';

type StepKey =
  | 'signIn'
  | 'register'
  | 'carrierApplications'
  | 'carrierOrganisation'
  | 'boardReview'
  | 'boardSessions'
  | 'coordinatorInbox'
  | 'coordinatorCalls'
  | 'coordinatorSessions'
  | 'financeCallOffs'
  | 'financeFunds'
  | 'senateFunds'
  | 'adminUsers'
  | 'account';

/** What each role does next, with the page it happens on; the server checks access again. */
function nextSteps(me: Me | null): { key: StepKey; to: string }[] {
  if (!me) {
    return [
      { key: 'signIn', to: paths.login },
      { key: 'register', to: paths.register },
    ];
  }
  const steps: { key: StepKey; to: string }[] = [];
  if (isCarrier(me)) {
    steps.push({ key: 'carrierApplications', to: paths.myApplications });
    steps.push({ key: 'carrierOrganisation', to: paths.organisation });
  }
  if (hasRole(me, 'coordinator')) {
    steps.push({ key: 'coordinatorInbox', to: paths.inbox });
    steps.push({ key: 'coordinatorCalls', to: paths.calls });
    steps.push({ key: 'coordinatorSessions', to: paths.sessions });
  }
  if (hasRole(me, 'board_member')) {
    steps.push({ key: 'boardReview', to: paths.review });
    if (!hasRole(me, 'coordinator')) steps.push({ key: 'boardSessions', to: paths.sessions });
  }
  if (hasRole(me, 'finance')) {
    steps.push({ key: 'financeCallOffs', to: paths.callOffs });
    steps.push({ key: 'financeFunds', to: paths.finance });
  }
  if (hasRole(me, 'senate') && !hasRole(me, 'finance')) steps.push({ key: 'senateFunds', to: paths.finance });
  if (hasRole(me, 'admin')) steps.push({ key: 'adminUsers', to: paths.users });
  if (steps.length === 0) steps.push({ key: 'account', to: paths.account });
  return steps;
}

/**
 * The page where a counted step's work happens: the one item when the step names one, else the
 * list (filtered where the list can filter). Each target is a page the step's role may open.
 */
function countedStepPath(step: NextStep): string {
  const one = step.count === 1 ? step.targetId : null;
  switch (step.key) {
    case 'draftsToFinish':
    case 'changesRequested':
    case 'declarationsDue':
    case 'callOffsOpen':
    case 'reportsDue':
      return one ? applicationPath(one) : paths.myApplications;
    case 'votenMissing':
      return paths.review;
    case 'writtenVotesOpen':
      return one ? inboxApplicationPath(one) : paths.review;
    case 'nextSession':
      return step.targetId ? sessionPath(step.targetId) : paths.sessions;
    case 'formalCheck':
      return one ? inboxApplicationPath(one) : `${paths.inbox}?status=submitted`;
    case 'repliesOverdue':
      return one ? inboxApplicationPath(one) : `${paths.inbox}?status=changes_requested`;
    case 'sessionsToPrepare':
      return one ? sessionPath(one) : paths.sessions;
    case 'plansInProgress':
      return one ? programmePlanPath(one) : paths.calls;
    case 'callOffsToApprove':
    case 'callOffsToPay':
      return paths.callOffs;
    case 'claimsOpen':
      return one ? inboxApplicationPath(one) : `${paths.inbox}?status=completed`;
    case 'budgetsToEnter':
      return one ? fundPath(one) : `${paths.finance}${step.year ? `?jahr=${step.year}` : ''}`;
    case 'listsAwaitingSenate':
      return one ? programmePlanPath(one) : paths.finance;
  }
}

/** The steps whose date is shown below the link (the next session names its date in the link). */
const dueKeys = [
  'changesRequested',
  'reportsDue',
  'votenMissing',
  'writtenVotesOpen',
  'formalCheck',
  'repliesOverdue',
  'sessionsToPrepare',
  'callOffsToApprove',
  'callOffsToPay',
  'claimsOpen',
] as const satisfies readonly NextStepKey[];
type DueKey = (typeof dueKeys)[number];
const hasDueHint = (key: NextStepKey): key is DueKey => (dueKeys as readonly NextStepKey[]).includes(key);

/** A step's date as its hint shows it: a calendar day as such, a session with its time. */
function dueText(step: NextStep, language: Language): string | null {
  if (!step.due) return null;
  return step.key === 'nextSession' || step.key === 'sessionsToPrepare'
    ? formatDateTime(step.due, language)
    : formatDate(step.due, language);
}

/** The caller's counted work, each linked to where it happens; nothing while it loads or fails. */
function CountedSteps() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => getNextSteps({ signal }), []);
  const { state } = useApiData(load);
  if (state.status !== 'loaded') return null;
  const steps = state.data.items;
  if (steps.length === 0) return <p className="kern-body">{t('home.todo.none')}</p>;
  const language = currentLanguage();
  return (
    <ul className="kern-list next-steps" aria-label={t('home.todo.label')}>
      {steps.map((step) => {
        const date = dueText(step, language);
        const key = step.key;
        return (
          <li key={step.key} className="kern-body">
            <TextLink to={countedStepPath(step)}>
              {t(`home.todo.${step.key}.link`, { count: step.count, year: step.year, date })}
            </TextLink>
            {date && hasDueHint(key) && (
              <span className="next-steps__hint">{t(`home.todo.${key}.due`, { date })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const welcome = (useLocation().state as WelcomeState | null)?.welcome === true;
  const audiences = [
    { key: 'carriers', title: t('home.carriersTitle'), body: t('home.carriersBody') },
    { key: 'committee', title: t('home.committeeTitle'), body: t('home.committeeBody') },
    { key: 'staff', title: t('home.staffTitle'), body: t('home.staffBody') },
  ];

  return (
    <Page title={t('home.title')} heading={t('home.heading')}>
      {me && (
        <Alert
          variant={welcome ? 'success' : 'info'}
          title={t(welcome ? 'home.welcomeNew' : 'home.signedInAs', { name: me.displayName })}
          role={welcome ? 'status' : undefined}
        >
          <p className="kern-body">{t('home.signedInBody')}</p>
        </Alert>
      )}
      <p className="kern-body kern-body--large">{t('home.lead')}</p>
      <p className="kern-body">{t('home.intro')}</p>

      <section className="page__section" aria-labelledby="naechste-schritte">
        <h2 className="kern-heading-medium" id="naechste-schritte">
          {t('home.nextStepsHeading')}
        </h2>
        {me && <CountedSteps />}
        {me && (
          <h3 className="kern-heading-small" id="ihre-bereiche">
            {t('home.areasHeading')}
          </h3>
        )}
        <ul className="kern-list next-steps" aria-labelledby={me ? 'ihre-bereiche' : undefined}>
          {nextSteps(me).map((step) => (
            <li key={step.key} className="kern-body">
              <TextLink to={step.to}>{t(`home.steps.${step.key}.link`)}</TextLink>
              <span className="next-steps__hint">{t(`home.steps.${step.key}.hint`)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="page__section" aria-labelledby="zielgruppen">
        <h2 className="kern-heading-medium" id="zielgruppen">
          {t('home.audiencesHeading')}
        </h2>
        <ul className="card-grid">
          {audiences.map((audience) => (
            <li key={audience.key}>
              <Card title={audience.title}>
                <p className="kern-body">{audience.body}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section className="page__section" aria-labelledby="systemstatus">
        <h2 className="kern-heading-medium" id="systemstatus">
          {t('health.heading')}
        </h2>
        <HealthStatus />
      </section>
    </Page>
  );
}
