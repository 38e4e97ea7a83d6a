import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  agendaUrl,
  castOwnSessionBallot,
  type Choice,
  closeItemVote,
  closeSession,
  type CommitteeSession,
  getSession,
  inviteToSession,
  openItemVote,
  openSession,
  publishMinutes,
  recordAttendance,
  recordBallot,
  sessionMinutesUrl,
} from '../../api/committee';
import { Alert } from '../../components/Alert';
import { dateTime, money } from '../../components/applications/format';
import { Button } from '../../components/Button';
import { type Confirmation, ConfirmDialog } from '../../components/ConfirmDialog';
import { describeError } from '../../components/form/formErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';
import { useSession } from '../../session/SessionContext';
import { hasRole } from '../../session/roles';

const castChoices = ['yes', 'no', 'abstain'] as const;

/** How often a member's screen asks for the session's state while it runs. */
const LIVE_REFRESH_MS = 5_000;

/**
 * A committee session (`/sitzungen/:id`). The coordinator invites, opens it, records who is
 * present (the quorum follows each change; a substitute holds an absent member's seat), takes
 * the roll call per item and closes each vote, then publishes the minutes. A member sees the same
 * session live and casts their own vote when an item is put to the vote. Every answer of the API
 * is the whole session, so the view is always what the server recorded.
 */
export function SessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useSession();
  const load = useCallback((signal: AbortSignal) => getSession(id, { signal }), [id]);
  const { state, reload, replace } = useApiData(load);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const running = state.status === 'loaded' && state.data.status === 'open';
  const isCoordinator = me !== null && hasRole(me, 'coordinator');

  // Members follow the session from their own screens: what the coordinator records shows up here.
  useEffect(() => {
    if (!running || isCoordinator) return undefined;
    const timer = setInterval(reload, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, isCoordinator, reload]);

  async function run(step: () => Promise<CommitteeSession>) {
    setBusy(true);
    setError(null);
    try {
      replace(await step());
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  }

  if (state.status === 'loading') return <Loader label={t('sessions.loading')} />;
  if (state.status === 'failed') {
    return (
      <Page title={t('sessions.title')} heading={t('sessions.title')}>
        <LoadError title={t('sessions.loadFailed')} error={state.error} onRetry={reload} />
      </Page>
    );
  }
  const session = state.data;
  const open = session.status === 'open';
  const ownMember = me ? session.members.find((m) => m.userId === me.id) : undefined;
  const nameOf = new Map(session.members.map((m) => [m.id, m.displayName]));
  const seatLabel = (seat: { memberId: string; heldBy: string }) =>
    seat.heldBy === seat.memberId
      ? (nameOf.get(seat.memberId) ?? '')
      : t('sessions.heldBy', { member: nameOf.get(seat.memberId), substitute: nameOf.get(seat.heldBy) });

  return (
    <Page title={session.title} heading={`${session.committee}: ${session.title}`}>
      <p className="kern-body">
        {t('sessions.facts', { startsAt: dateTime(session.startsAt), place: session.place })}{' '}
        {t(`sessions.status.${session.status}`)}
      </p>
      <ul className="kern-list">
        <li>
          <a className="kern-link" href={agendaUrl(session.id)}>
            {t('sessions.agendaPdf')}
          </a>
        </li>
        {session.status === 'closed' && (isCoordinator || session.minutesPublishedAt) && (
          <li>
            <a className="kern-link" href={sessionMinutesUrl(session.id)}>
              {t(session.minutesPublishedAt ? 'sessions.minutesPdf' : 'sessions.minutesDraftPdf')}
            </a>
          </li>
        )}
      </ul>
      {error && (
        <Alert variant="danger" title={t('sessions.stepFailed')} role="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      )}
      {isCoordinator && session.status === 'scheduled' && (
        <div className="page__actions">
          <Button
            variant="secondary"
            label={t(session.invitedAt ? 'sessions.inviteAgain' : 'sessions.invite')}
            disabled={busy}
            onClick={() => run(() => inviteToSession(session.id))}
          />
          <Button
            label={t('sessions.open')}
            disabled={busy}
            onClick={() => run(() => openSession(session.id))}
          />
        </div>
      )}
      {session.invitedAt && session.status === 'scheduled' && (
        <p className="kern-body" role="status">
          {t('sessions.invitedAt', { at: dateTime(session.invitedAt) })}
        </p>
      )}

      <section className="page__section" aria-labelledby="anwesenheit">
        <h2 className="kern-heading-medium" id="anwesenheit">
          {t('sessions.attendance')}
        </h2>
        <p className="kern-body" role="status" aria-live="polite">
          {t(session.quorum.reached ? 'sessions.quorumReached' : 'sessions.quorumMissing', session.quorum)}
        </p>
        {isCoordinator ? (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('sessions.present')}</legend>
            <div className="kern-fieldset__body">
              {session.members.map((member) => (
                <div className="kern-form-check" key={member.id}>
                  <input
                    className="kern-form-check__checkbox"
                    type="checkbox"
                    id={`anwesend-${member.id}`}
                    checked={member.present}
                    disabled={!open || busy}
                    onChange={(event) => {
                      const present = event.currentTarget.checked;
                      void run(() => recordAttendance(session.id, member.id, present));
                    }}
                  />
                  <label className="kern-label" htmlFor={`anwesend-${member.id}`}>
                    {member.displayName} ({member.department}
                    {member.substituteForId
                      ? `, ${t('sessions.substituteFor', { member: nameOf.get(member.substituteForId) })}`
                      : member.voting
                        ? ''
                        : `, ${t('sessions.advisory')}`}
                    )
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : (
          <ul className="kern-list">
            {session.members
              .filter((member) => member.present)
              .map((member) => (
                <li key={member.id}>
                  {member.displayName} ({member.department})
                </li>
              ))}
          </ul>
        )}
      </section>

      <section className="page__section" aria-labelledby="tagesordnung">
        <h2 className="kern-heading-medium" id="tagesordnung">
          {t('sessions.agenda')}
        </h2>
        <ol className="kern-list">
          {session.items.map((item) => {
            const vote = item.vote;
            const ballotOf = new Map<string, Choice>(vote?.ballots.map((b) => [b.memberId, b.choice]) ?? []);
            const ownBallot = session.ownSeat ? ballotOf.get(session.ownSeat.memberId) : undefined;
            return (
              <li key={item.id} className="page__section">
                <h3 className="kern-heading-small">
                  {t('sessions.item', { position: item.position, title: item.title })}
                </h3>
                <p className="kern-body">
                  {item.reference} · {item.carrier} · {money(item.requestedCents)}
                </p>
                {isCoordinator && !vote && open && (
                  <>
                    {!session.quorum.reached && <p className="kern-body">{t('sessions.noQuorumWarning')}</p>}
                    <Button
                      label={t('sessions.openVote', { title: item.title })}
                      disabled={busy}
                      onClick={() =>
                        session.quorum.reached
                          ? run(() => openItemVote(session.id, item.id))
                          : setConfirmation({
                              title: t('sessions.openWithoutQuorumTitle'),
                              body: t('sessions.openWithoutQuorumBody', {
                                ...session.quorum,
                                title: item.title,
                              }),
                              confirmLabel: t('sessions.openWithoutQuorumConfirm'),
                              action: async () => {
                                replace(await openItemVote(session.id, item.id, { withoutQuorum: true }));
                              },
                            })
                      }
                    />
                  </>
                )}
                {!isCoordinator && vote?.state === 'open' && !session.ownSeat && ownMember && (
                  <p className="kern-body">
                    {t(ownMember.voting ? 'sessions.noVoteAbsent' : 'sessions.noVoteAdvisory')}
                  </p>
                )}
                {!isCoordinator && vote?.state === 'open' && session.ownSeat && (
                  <div className="page__section">
                    {ownBallot ? (
                      <p className="kern-body" role="status">
                        {t('sessions.ownBallot', { choice: t(`sessions.choices.${ownBallot}`) })}
                      </p>
                    ) : (
                      <div
                        className="page__actions"
                        role="group"
                        aria-label={t('sessions.ownVote', { title: item.title })}
                      >
                        {castChoices.map((choice) => (
                          <Button
                            key={choice}
                            variant={choice === 'yes' ? 'primary' : 'secondary'}
                            label={t(`decisions.cast.${choice}`)}
                            aria-label={t('sessions.castFor', {
                              name: seatLabel(session.ownSeat!),
                              choice: t(`decisions.cast.${choice}`),
                            })}
                            disabled={busy}
                            onClick={() => run(() => castOwnSessionBallot(session.id, vote.id, choice))}
                          />
                        ))}
                      </div>
                    )}
                  </div>
                )}
                {vote && (
                  <table className="kern-table kern-table--small">
                    <caption className="kern-title">{t('sessions.rollCall', { title: item.title })}</caption>
                    <thead className="kern-table__head">
                      <tr className="kern-table__row">
                        <th scope="col" className="kern-table__header">
                          {t('sessions.member')}
                        </th>
                        <th scope="col" className="kern-table__header">
                          {t('sessions.vote')}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {session.seats
                        .filter((seat) => vote.state === 'open' || ballotOf.has(seat.memberId))
                        .map((seat) => {
                          const ballot = ballotOf.get(seat.memberId);
                          const name = seatLabel(seat);
                          return (
                            <tr className="kern-table__row" key={seat.memberId}>
                              <th scope="row" className="kern-table__header">
                                {name}
                              </th>
                              <td className="kern-table__cell">
                                {ballot ? (
                                  t(`sessions.choices.${ballot}`)
                                ) : isCoordinator ? (
                                  <span className="page__actions">
                                    {castChoices.map((choice) => (
                                      <Button
                                        key={choice}
                                        variant="secondary"
                                        label={t(`sessions.choices.${choice}`)}
                                        aria-label={t('sessions.castFor', {
                                          name,
                                          choice: t(`sessions.choices.${choice}`),
                                        })}
                                        disabled={busy}
                                        onClick={() =>
                                          run(() => recordBallot(session.id, vote.id, seat.memberId, choice))
                                        }
                                      />
                                    ))}
                                  </span>
                                ) : (
                                  t('sessions.notYet')
                                )}
                              </td>
                            </tr>
                          );
                        })}
                    </tbody>
                  </table>
                )}
                {isCoordinator && vote?.state === 'open' && (
                  <Button
                    label={t('sessions.closeVote', { title: item.title })}
                    disabled={busy}
                    onClick={() => run(() => closeItemVote(session.id, vote.id))}
                  />
                )}
                {vote?.state === 'closed' && vote.tally && vote.outcome && (
                  <p className="kern-body" role="status">
                    <strong>{t(`sessions.outcomes.${vote.outcome}`)}</strong>{' '}
                    {t('sessions.tally', vote.tally)}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      {isCoordinator && open && (
        <Button
          variant="secondary"
          label={t('sessions.close')}
          disabled={busy}
          onClick={() => run(() => closeSession(session.id))}
        />
      )}
      {isCoordinator && session.status === 'closed' && !session.minutesPublishedAt && (
        <Button
          label={t('sessions.publishMinutes')}
          disabled={busy}
          onClick={() => run(() => publishMinutes(session.id))}
        />
      )}
      {session.minutesPublishedAt && (
        <p className="kern-body" role="status">
          {t('sessions.minutesPublished', { at: dateTime(session.minutesPublishedAt) })}
        </p>
      )}
      {session.members.length === 0 && <p className="kern-body">{t('sessions.noMembers')}</p>}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Page>
  );
}
