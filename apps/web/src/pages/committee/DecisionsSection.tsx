import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ApplicationVote,
  castWrittenBallot,
  getApplicationVotes,
  getWrittenVote,
  minutesUrl,
  openWrittenVote,
} from '../../api/committee';
import { type Confirmation, ConfirmDialog } from '../../components/ConfirmDialog';
import { dateTime } from '../../components/applications/format';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { useSubmit } from '../../components/form/useSubmit';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { useActionUntilShown } from '../../hooks/useActionUntilShown';
import { useApiData } from '../../hooks/useApiData';
import { useSession } from '../../session/SessionContext';
import { addDays, berlinToday, endOfBerlinDay, isCalendarDay } from '../../utils/berlinTime';

const choices = ['yes', 'no', 'abstain'] as const;

/**
 * The committee's votes on an application (`Abstimmungen`): a voting member casts their vote in
 * an open written procedure (Umlaufverfahren) here; the coordinator opens one, sees who has not
 * answered yet, and everyone sees each decision with its tally and the minutes.
 */
export function DecisionsSection({
  applicationId,
  canOpen,
  isMember,
}: {
  applicationId: string;
  /** The coordinator may put the application to a written vote (it is before the committee). */
  canOpen: boolean;
  isMember: boolean;
}) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => getApplicationVotes(applicationId, { signal }),
    [applicationId],
  );
  const { state, reload } = useApiData(load);
  return (
    <section className="page__section" aria-labelledby="abstimmungen">
      <h2 className="kern-heading-medium" id="abstimmungen">
        {t('decisions.heading')}
      </h2>
      {state.status === 'loading' && <Loader label={t('decisions.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('decisions.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          {state.data.items.length === 0 && <p className="kern-body">{t('decisions.none')}</p>}
          {state.data.items.map((vote) => (
            <VoteCard key={vote.id} vote={vote} isMember={isMember} onChanged={reload} />
          ))}
          {canOpen && !state.data.items.some((vote) => vote.state === 'open') && (
            <OpenWrittenVoteForm applicationId={applicationId} votes={state.data} onOpened={reload} />
          )}
        </>
      )}
    </section>
  );
}

function VoteCard({
  vote,
  isMember,
  onChanged,
}: {
  vote: ApplicationVote;
  isMember: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const heading =
    vote.procedure === 'written'
      ? t('decisions.written', { deadline: dateTime(vote.deadline) })
      : t('decisions.rollCall', { session: vote.session?.title ?? '' });
  const name = me?.displayName ?? '';
  const mayVote = isMember && vote.ownPart === 'voting' && vote.ownBallot !== 'recused';

  // A ballot is asked for once more before it is cast (and before each change), naming the choice.
  function ask(choice: (typeof choices)[number]) {
    const label = t(`sessions.choices.${choice}`);
    setConfirmation({
      title: t('decisions.confirmTitle'),
      body: t('decisions.confirmBody', { name, choice: label }),
      confirmLabel: t('decisions.confirmCast', { choice: label }),
      action: async () => {
        await castWrittenBallot(vote.id, choice);
        onChanged();
      },
      returnFocus: () => document.getElementById(`abstimmung-${vote.id}`),
    });
  }

  return (
    <article className="page__section" aria-labelledby={`abstimmung-${vote.id}`}>
      <h3 className="kern-heading-small" id={`abstimmung-${vote.id}`} tabIndex={-1}>
        {heading}
      </h3>
      <p className="kern-body">{t('decisions.motion', { motion: vote.motion })}</p>
      {vote.state === 'closed' && vote.outcome && (
        <p className="kern-body">
          <strong>{t(`decisions.outcomes.${vote.outcome}`)}</strong>{' '}
          {vote.tally && t('decisions.tally', vote.tally)}{' '}
          <a className="kern-link" href={minutesUrl(vote)}>
            {t('decisions.minutes')}
          </a>
        </p>
      )}
      {vote.state === 'open' && vote.procedure === 'written' && (
        <>
          <p className="kern-body">{t('decisions.responded', { count: vote.responded })}</p>
          {vote.ownBallot && (
            <p className="kern-body" role="status">
              {vote.ownBallot === 'recused'
                ? t('decisions.ownRecusal')
                : t('decisions.ownBallot', { choice: t(`sessions.choices.${vote.ownBallot}`) })}
            </p>
          )}
          {isMember && vote.ownPart === 'advisory' && (
            <p className="kern-body">{t('decisions.noVoteAdvisory')}</p>
          )}
          {isMember && vote.ownPart === 'substitute' && (
            <p className="kern-body">{t('decisions.noVoteSubstitute')}</p>
          )}
          {isMember && vote.ownPart === 'joined_after_opening' && (
            <p className="kern-body">{t('decisions.noVoteJoinedAfterOpening')}</p>
          )}
          {mayVote && (
            <>
              {vote.ownBallot && <p className="kern-body">{t('decisions.changeHint')}</p>}
              <div
                className="page__actions"
                role="group"
                aria-label={t(vote.ownBallot ? 'decisions.changeLabel' : 'decisions.castLabel')}
              >
                {choices
                  .filter((choice) => choice !== vote.ownBallot)
                  .map((choice) => (
                    <Button
                      key={choice}
                      variant={choice === 'yes' && !vote.ownBallot ? 'primary' : 'secondary'}
                      label={t(`decisions.cast.${choice}`)}
                      aria-label={t('decisions.castAs', { choice: t(`decisions.cast.${choice}`), name })}
                      onClick={() => ask(choice)}
                    />
                  ))}
              </div>
            </>
          )}
          {!isMember && <MissingVoters voteId={vote.id} />}
        </>
      )}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </article>
  );
}

/** The coordinator's reminder list: voting members who have not answered yet. */
function MissingVoters({ voteId }: { voteId: string }) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => getWrittenVote(voteId, { signal }), [voteId]);
  const { state } = useApiData(load);
  if (state.status !== 'loaded' || !state.data.missing || state.data.missing.length === 0) return null;
  return (
    <p className="kern-body">
      {t('decisions.missing', {
        names: state.data.missing
          .map((m) =>
            m.seatEnded
              ? t('decisions.missingSeatEnded', { name: m.name, department: m.department })
              : `${m.name} (${m.department})`,
          )
          .join(', '),
      })}
    </p>
  );
}

function OpenWrittenVoteForm({
  applicationId,
  votes,
  onOpened,
}: {
  applicationId: string;
  /** The votes as loaded: the form stays disabled until a reload shows the vote it opened. */
  votes: object;
  onOpened(): void;
}) {
  const { t } = useTranslation();
  const [motion, setMotion] = useState(t('decisions.defaultMotion'));
  const [day, setDay] = useState(addDays(berlinToday(), 7));
  const fields = useMemo(
    () => ({
      motion: { id: 'umlauf-antrag', label: t('decisions.motionLabel') },
      deadline: { id: 'umlauf-frist', label: t('decisions.deadlineLabel') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);
  const opening = useActionUntilShown(votes);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isCalendarDay(day) || day <= berlinToday()) {
      form.showFieldErrors({ deadline: (tr) => tr('decisions.deadlineFuture') });
      return;
    }
    await submitting.run(async () => {
      await opening.run(() => openWrittenVote(applicationId, { motion, deadline: endOfBerlinDay(day) }));
      form.clear();
      onOpened();
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="umlauf-neu">
      <h3 className="kern-heading-small" id="umlauf-neu">
        {t('decisions.openHeading')}
      </h3>
      <p className="kern-body">{t('decisions.openIntro')}</p>
      <ErrorSummary {...form.summaryProps} />
      <TextAreaField
        id="umlauf-antrag"
        label={t('decisions.motionLabel')}
        rows={2}
        value={motion}
        error={form.fieldError('motion')}
        onChange={setMotion}
      />
      <TextField
        id="umlauf-frist"
        type="date"
        label={t('decisions.deadlineLabel')}
        hint={t('decisions.deadlineHint')}
        min={addDays(berlinToday(), 1)}
        value={day}
        error={form.fieldError('deadline')}
        onChange={setDay}
      />
      <Button
        type="submit"
        variant="secondary"
        label={t('decisions.open')}
        disabled={submitting.busy || opening.pending}
      />
    </form>
  );
}
