import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  type Choice,
  closeItemVote,
  closeSession,
  type CommitteeSession,
  getSession,
  openItemVote,
  openSession,
  recordAttendance,
  recordBallot,
} from '../../api/committee';
import { Alert } from '../../components/Alert';
import { dateTime, money } from '../../components/applications/format';
import { Button } from '../../components/Button';
import { describeError } from '../../components/form/formErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { useApiData } from '../../hooks/useApiData';

const castChoices = ['yes', 'no', 'abstain'] as const;

/**
 * The coordinator's live view of a committee session: who is present (the quorum follows each
 * change), the agenda, and per item the roll call with a button per member and choice, then the
 * result by the committee's rules. Every answer of the API is the whole session, so the view is
 * always what the server recorded.
 */
export function SessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => getSession(id, { signal }), [id]);
  const { state, reload, replace } = useApiData(load);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
  const voters = session.members.filter((m) => m.voting && m.present);

  return (
    <Page title={session.title} heading={`${session.committee}: ${session.title}`}>
      <p className="kern-body">
        {t('sessions.facts', { startsAt: dateTime(session.startsAt), place: session.place })}{' '}
        {t(`sessions.status.${session.status}`)}
      </p>
      {error && (
        <Alert variant="danger" title={t('sessions.stepFailed')} role="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      )}
      {session.status === 'scheduled' && (
        <Button
          label={t('sessions.open')}
          disabled={busy}
          onClick={() => run(() => openSession(session.id))}
        />
      )}

      <section className="page__section" aria-labelledby="anwesenheit">
        <h2 className="kern-heading-medium" id="anwesenheit">
          {t('sessions.attendance')}
        </h2>
        <p className="kern-body" role="status" aria-live="polite">
          {t(session.quorum.reached ? 'sessions.quorumReached' : 'sessions.quorumMissing', session.quorum)}
        </p>
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
                  {member.voting ? '' : `, ${t('sessions.advisory')}`})
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </section>

      <section className="page__section" aria-labelledby="tagesordnung">
        <h2 className="kern-heading-medium" id="tagesordnung">
          {t('sessions.agenda')}
        </h2>
        <ol className="kern-list">
          {session.items.map((item) => {
            const vote = item.vote;
            const ballotOf = new Map<string, Choice>(vote?.ballots.map((b) => [b.memberId, b.choice]) ?? []);
            return (
              <li key={item.id} className="page__section">
                <h3 className="kern-heading-small">
                  {t('sessions.item', { position: item.position, title: item.title })}
                </h3>
                <p className="kern-body">
                  {item.reference} · {item.carrier} · {money(item.requestedCents)}
                </p>
                {!vote && open && (
                  <Button
                    label={t('sessions.openVote', { title: item.title })}
                    disabled={busy}
                    onClick={() => run(() => openItemVote(session.id, item.id))}
                  />
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
                      {voters
                        .filter((member) => vote.state === 'open' || ballotOf.has(member.id))
                        .map((member) => {
                          const ballot = ballotOf.get(member.id);
                          return (
                            <tr className="kern-table__row" key={member.id}>
                              <th scope="row" className="kern-table__header">
                                {member.displayName}
                              </th>
                              <td className="kern-table__cell">
                                {ballot ? (
                                  t(`sessions.choices.${ballot}`)
                                ) : (
                                  <span className="page__actions">
                                    {castChoices.map((choice) => (
                                      <Button
                                        key={choice}
                                        variant="secondary"
                                        label={t(`sessions.choices.${choice}`)}
                                        aria-label={t('sessions.castFor', {
                                          name: member.displayName,
                                          choice: t(`sessions.choices.${choice}`),
                                        })}
                                        disabled={busy}
                                        onClick={() =>
                                          run(() => recordBallot(session.id, vote.id, member.id, choice))
                                        }
                                      />
                                    ))}
                                  </span>
                                )}
                              </td>
                            </tr>
                          );
                        })}
                    </tbody>
                  </table>
                )}
                {vote?.state === 'open' && (
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
      {open && (
        <Button
          variant="secondary"
          label={t('sessions.close')}
          disabled={busy}
          onClick={() => run(() => closeSession(session.id))}
        />
      )}
      {session.members.length === 0 && <p className="kern-body">{t('sessions.noMembers')}</p>}
    </Page>
  );
}
