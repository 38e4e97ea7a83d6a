import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addCommitteeMember,
  type Committee,
  endCommitteeMembership,
  listCommittees,
  setCommitteeRules,
} from '../../api/committee';
import { listUsers } from '../../api/identity';
import { day } from '../../components/applications/format';
import { Button } from '../../components/Button';
import { type Confirmation, ConfirmDialog } from '../../components/ConfirmDialog';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { useSubmit } from '../../components/form/useSubmit';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TableScroller } from '../../components/TableScroller';
import { useApiData } from '../../hooks/useApiData';
import { useMe } from '../../session/SessionContext';
import { hasRole } from '../../session/roles';
import { berlinToday } from '../../utils/berlinTime';

/**
 * The district's committees (`/gremien`): each committee's decision rules and its members, with
 * forms to change the rules, add a member (voting, advisory, or substitute of a voting member)
 * and end a membership. For coordinators and admins.
 */
export function CommitteesPage() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => listCommittees({ signal }), []);
  const { state, reload } = useApiData(load);
  // No route creates a committee yet: operations sets it up, asked by the district's administration.
  const admin = hasRole(useMe(), 'admin');
  return (
    <Page title={t('committees.title')} heading={t('committees.title')}>
      {state.status === 'loading' && <Loader label={t('committees.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('committees.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && state.data.items.length === 0 && (
        <p className="kern-body">
          {t('committees.none')} {admin ? t('committees.noneAdmin') : t('committees.noneAskAdmin')}
        </p>
      )}
      {state.status === 'loaded' &&
        state.data.items.map((committee) => (
          <CommitteeSection key={committee.id} committee={committee} onChanged={reload} />
        ))}
    </Page>
  );
}

function CommitteeSection({ committee, onChanged }: { committee: Committee; onChanged(): void }) {
  const { t } = useTranslation();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const nameOf = new Map(committee.members.map((m) => [m.id, m.displayName]));
  const headingId = `gremium-${committee.id}`;
  return (
    <section className="page__section" aria-labelledby={headingId}>
      <h2 className="kern-heading-medium" id={headingId}>
        {committee.name} <abbr title={committee.name}>({committee.shortName})</abbr>
      </h2>
      <RulesForm committee={committee} onSaved={onChanged} />
      <h3 className="kern-heading-small">{t('committees.membersHeading')}</h3>
      <TableScroller label={t('committees.membersCaption', { name: committee.name })}>
        <table className="kern-table kern-table--small">
          <caption className="kern-sr-only">
            {t('committees.membersCaption', { name: committee.name })}
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              {(['name', 'department', 'role', 'since', 'actions'] as const).map((column) => (
                <th className="kern-table__header" scope="col" key={column}>
                  {t(`committees.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {committee.members.map((member) => (
              <tr className="kern-table__row" key={member.id}>
                <th className="kern-table__header" scope="row">
                  {member.displayName}
                </th>
                <td className="kern-table__cell">{member.department}</td>
                <td className="kern-table__cell">
                  {member.substituteForId
                    ? t('committees.substituteFor', { name: nameOf.get(member.substituteForId) })
                    : t(member.voting ? 'committees.voting' : 'committees.advisory')}
                </td>
                <td className="kern-table__cell">{day(member.validFrom)}</td>
                <td className="kern-table__cell">
                  <Button
                    variant="tertiary"
                    label={t('committees.end', { name: member.displayName })}
                    onClick={() =>
                      setConfirmation({
                        title: t('committees.endTitle', { name: member.displayName }),
                        body: t('committees.endBody'),
                        confirmLabel: t('committees.endConfirm'),
                        action: async () => {
                          await endCommitteeMembership(committee.id, member.id, berlinToday());
                          onChanged();
                        },
                      })
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <MemberForm committee={committee} onAdded={onChanged} />
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </section>
  );
}

function RulesForm({ committee, onSaved }: { committee: Committee; onSaved(): void }) {
  const { t } = useTranslation();
  const [numerator, setNumerator] = useState(String(committee.rules.quorumNumerator));
  const [denominator, setDenominator] = useState(String(committee.rules.quorumDenominator));
  const [majority, setMajority] = useState<string>(committee.rules.majority);
  const [abstentions, setAbstentions] = useState(committee.rules.abstentionsCountAsCast);
  const [saved, setSaved] = useState(false);
  const id = (name: string) => `${committee.id}-${name}`;
  const fields = useMemo(
    () => ({
      quorumNumerator: { id: `${committee.id}-zaehler`, label: t('committees.quorumNumerator') },
      quorumDenominator: { id: `${committee.id}-nenner`, label: t('committees.quorumDenominator') },
      majority: { id: `${committee.id}-mehrheit`, label: t('committees.majority') },
    }),
    [t, committee.id],
  );
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    await submitting.run(async () => {
      await setCommitteeRules(committee.id, {
        quorumNumerator: Number(numerator),
        quorumDenominator: Number(denominator),
        majority: majority as Committee['rules']['majority'],
        abstentionsCountAsCast: abstentions,
      });
      form.clear();
      setSaved(true);
      onSaved();
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={id('regeln')}>
      <h3 className="kern-heading-small" id={id('regeln')}>
        {t('committees.rulesHeading')}
      </h3>
      <p className="kern-body">{t('committees.rulesIntro')}</p>
      <ErrorSummary {...form.summaryProps} />
      <div className="ledger-filters">
        <TextField
          id={id('zaehler')}
          label={t('committees.quorumNumerator')}
          inputMode="numeric"
          width={2}
          value={numerator}
          error={form.fieldError('quorumNumerator')}
          onChange={setNumerator}
        />
        <TextField
          id={id('nenner')}
          label={t('committees.quorumDenominator')}
          inputMode="numeric"
          width={2}
          value={denominator}
          error={form.fieldError('quorumDenominator')}
          onChange={setDenominator}
        />
      </div>
      <SelectField
        id={id('mehrheit')}
        label={t('committees.majority')}
        value={majority}
        error={form.fieldError('majority')}
        options={[
          { value: 'simple', label: t('committees.majorities.simple') },
          { value: 'two_thirds', label: t('committees.majorities.two_thirds') },
        ]}
        onChange={setMajority}
      />
      <CheckboxField
        id={id('enthaltungen')}
        label={t('committees.abstentionsCountAsCast')}
        checked={abstentions}
        onChange={setAbstentions}
      />
      <Button
        type="submit"
        variant="secondary"
        label={t('committees.saveRules')}
        disabled={submitting.busy}
      />
      {saved && (
        <p className="kern-body" role="status">
          {t('committees.rulesSaved')}
        </p>
      )}
    </form>
  );
}

function MemberForm({ committee, onAdded }: { committee: Committee; onAdded(): void }) {
  const { t } = useTranslation();
  const loadUsers = useCallback(
    (signal: AbortSignal) => listUsers({ districtId: committee.districtId, pageSize: 100 }, { signal }),
    [committee.districtId],
  );
  const users = useApiData(loadUsers);
  const [userId, setUserId] = useState('');
  const [department, setDepartment] = useState('');
  const [kind, setKind] = useState('voting');
  const [validFrom, setValidFrom] = useState(berlinToday());
  const id = (name: string) => `${committee.id}-neu-${name}`;
  const fields = useMemo(
    () => ({
      userId: { id: `${committee.id}-neu-person`, label: t('committees.person') },
      department: { id: `${committee.id}-neu-fachbereich`, label: t('committees.department') },
      substituteForId: { id: `${committee.id}-neu-art`, label: t('committees.kind') },
      validFrom: { id: `${committee.id}-neu-seit`, label: t('committees.validFrom') },
    }),
    [t, committee.id],
  );
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);
  const seats = committee.members.filter((m) => m.voting && m.substituteForId === null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!userId) {
      form.showFieldErrors({ userId: (tr) => tr('committees.choosePerson') });
      return;
    }
    await submitting.run(async () => {
      await addCommitteeMember(committee.id, {
        userId,
        department,
        voting: kind !== 'advisory',
        validFrom,
        ...(kind !== 'voting' && kind !== 'advisory' ? { substituteForId: kind } : {}),
      });
      form.clear();
      setUserId('');
      setDepartment('');
      onAdded();
    });
  }

  const people = users.state.status === 'loaded' ? users.state.data.items : [];
  return (
    <form onSubmit={submit} noValidate aria-labelledby={id('titel')}>
      <h3 className="kern-heading-small" id={id('titel')}>
        {t('committees.addHeading')}
      </h3>
      <ErrorSummary {...form.summaryProps} />
      <SelectField
        id={id('person')}
        label={t('committees.person')}
        value={userId}
        error={form.fieldError('userId')}
        options={[
          { value: '', label: t('committees.choosePersonOption') },
          ...people
            .filter((person) => person.status === 'active')
            .map((person) => ({ value: person.id, label: `${person.displayName} (${person.email})` })),
        ]}
        onChange={setUserId}
      />
      <TextField
        id={id('fachbereich')}
        label={t('committees.department')}
        value={department}
        error={form.fieldError('department')}
        onChange={setDepartment}
      />
      <SelectField
        id={id('art')}
        label={t('committees.kind')}
        value={kind}
        error={form.fieldError('substituteForId')}
        options={[
          { value: 'voting', label: t('committees.voting') },
          { value: 'advisory', label: t('committees.advisory') },
          ...seats.map((seat) => ({
            value: seat.id,
            label: t('committees.substituteFor', { name: seat.displayName }),
          })),
        ]}
        onChange={setKind}
      />
      <TextField
        id={id('seit')}
        type="date"
        label={t('committees.validFrom')}
        value={validFrom}
        error={form.fieldError('validFrom')}
        onChange={setValidFrom}
      />
      <Button type="submit" variant="secondary" label={t('committees.add')} disabled={submitting.busy} />
    </form>
  );
}
