import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  addPlanScenario,
  adjustPlanLine,
  configureProgrammePlan,
  finaliseProgrammePlan,
  type PlanItem,
  type ProgrammePlan,
  programmePlanExportUrl,
  removePlanScenario,
} from '../../api/committee';
import { getProgrammePlan } from '../../api/committee';
import { Alert } from '../../components/Alert';
import { AmountField } from '../../components/applications/AmountField';
import { dateTime, money } from '../../components/applications/format';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { type Confirmation, ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { describeError } from '../../components/form/formErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { useSubmit } from '../../components/form/useSubmit';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TableScroller } from '../../components/TableScroller';
import { useApiData } from '../../hooks/useApiData';
import { callPath, inboxApplicationPath } from '../../paths';
import { useSession } from '../../session/SessionContext';
import { hasAnyRole } from '../../session/roles';
import { scoreText } from './scoreText';

const statusBadge = { selected: 'success', waitlisted: 'warning', not_adopted: 'info' } as const;

/**
 * The annual programme planning of a call (`/aufrufe/:id/programmplanung`): the ranked list the
 * committee's decisions and the Voten produce, the budget bar, amounts adjusted with a reason,
 * what-if scenarios side by side, finalising, and the exports for the Senate. Coordinators
 * change it; members and finance staff read it.
 */
export function ProgrammePlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => getProgrammePlan(id, { signal }), [id]);
  const { state, reload, replace } = useApiData(load);
  const { me } = useSession();

  if (state.status !== 'loaded') {
    return (
      <Page title={t('planning.title')} heading={t('planning.title')}>
        {state.status === 'loading' && <Loader label={t('planning.loading')} />}
        {state.status === 'failed' && (
          <LoadError title={t('planning.loadFailed')} error={state.error} onRetry={reload} />
        )}
      </Page>
    );
  }
  const plan = state.data;
  const editable = plan.status === 'draft' && me !== null && hasAnyRole(me, 'coordinator');
  const heading = t('planning.heading', { year: plan.programmeYear, call: plan.callTitle });
  return (
    <Page title={heading} heading={heading}>
      {/* Only coordinators open the call's page; for everyone else the link would be a dead end. */}
      {me !== null && hasAnyRole(me, 'coordinator') && (
        <p className="kern-body">
          <Link className="kern-link" to={callPath(plan.callId)}>
            {t('planning.backToCall')}
          </Link>
        </p>
      )}
      <p className="kern-body">
        {plan.status === 'final'
          ? t('planning.final', { at: dateTime(plan.finalisedAt) })
          : t('planning.draft')}{' '}
        {t('planning.rules')}
      </p>
      <BudgetBar plan={plan} />
      {editable && <Settings plan={plan} onChanged={replace} />}
      <PlanTable plan={plan} editable={editable} onChanged={replace} />
      <Scenarios plan={plan} editable={editable} onChanged={replace} />
      <section className="page__section" aria-labelledby="planung-export">
        <h2 className="kern-heading-medium" id="planung-export">
          {t('planning.exportHeading')}
        </h2>
        <ul className="kern-list">
          <li>
            <a className="kern-link" href={programmePlanExportUrl(plan.callId, 'pdf')}>
              {t('planning.exportPdf')}
            </a>
          </li>
          <li>
            <a className="kern-link" href={programmePlanExportUrl(plan.callId, 'xlsx')}>
              {t('planning.exportXlsx')}
            </a>
          </li>
        </ul>
        {editable && <Finalise plan={plan} onChanged={replace} />}
      </section>
    </Page>
  );
}

/** Selected money against the budget; what the waitlist would need beyond it is shown in red. */
function BudgetBar({ plan }: { plan: ProgrammePlan }) {
  const { t } = useTranslation();
  const budget = BigInt(plan.budgetCents);
  const selected = BigInt(plan.totals.selectedCents);
  const waitlisted = BigInt(plan.totals.waitlistedCents);
  const scale = budget + waitlisted > 0n ? budget + waitlisted : 1n;
  const share = (part: bigint) => `${Number((part * 10_000n) / scale) / 100}%`;
  return (
    <section className="page__section" aria-labelledby="planung-budget">
      <h2 className="kern-heading-medium" id="planung-budget">
        {t('planning.budgetHeading')}
      </h2>
      <p className="kern-body" data-testid="budget-summary">
        {t('planning.budgetSummary', {
          selected: money(plan.totals.selectedCents),
          budget: money(plan.budgetCents),
          remaining: money(plan.totals.remainingCents),
          waitlisted: money(plan.totals.waitlistedCents),
          count: plan.totals.selected,
        })}
      </p>
      <div className="budget-bar" aria-hidden="true">
        <div className="budget-bar__selected" style={{ width: share(selected) }} />
        <div style={{ width: share(budget - selected) }} />
        <div className="budget-bar__over" style={{ width: share(waitlisted) }} />
      </div>
      <p className="kern-body kern-body--small">{t('planning.budgetLegend')}</p>
    </section>
  );
}

function Settings({ plan, onChanged }: { plan: ProgrammePlan; onChanged(next: ProgrammePlan): void }) {
  const { t } = useTranslation();
  const [budget, setBudget] = useState(plan.budgetCents);
  const [fillRule, setFillRule] = useState(plan.fillRule);
  const fields = useMemo(
    () => ({
      budgetCents: { id: 'plan-budget', label: t('planning.budget') },
      fillRule: { id: 'plan-fill-rule', label: t('planning.fillRule') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);
  async function submit(event: FormEvent) {
    event.preventDefault();
    await submitting.run(async () => {
      onChanged(await configureProgrammePlan(plan.callId, { budgetCents: budget, fillRule }));
      form.clear();
    });
  }
  return (
    <form className="page__section" onSubmit={submit} noValidate aria-labelledby="planung-einstellungen">
      <h3 className="kern-heading-small" id="planung-einstellungen">
        {t('planning.settingsHeading')}
      </h3>
      <ErrorSummary {...form.summaryProps} />
      <AmountField
        id="plan-budget"
        label={t('planning.budget')}
        hint={t('planning.budgetHint', { available: money(plan.availableCents) })}
        cents={budget}
        error={form.fieldError('budgetCents')}
        onChange={(cents) => setBudget(cents ?? '')}
      />
      <SelectField
        id="plan-fill-rule"
        label={t('planning.fillRule')}
        value={fillRule}
        options={[
          { value: 'skip_over', label: t('planning.fillRules.skip_over') },
          { value: 'stop_at_first_misfit', label: t('planning.fillRules.stop_at_first_misfit') },
        ]}
        onChange={(value) => setFillRule(value as ProgrammePlan['fillRule'])}
      />
      <Button type="submit" variant="secondary" label={t('planning.apply')} disabled={submitting.busy} />
    </form>
  );
}

function PlanTable({
  plan,
  editable,
  onChanged,
}: {
  plan: ProgrammePlan;
  editable: boolean;
  onChanged(next: ProgrammePlan): void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<PlanItem | null>(null);
  return (
    <section className="page__section" aria-labelledby="planung-liste">
      <h2 className="kern-heading-medium" id="planung-liste">
        {t('planning.listHeading')}
      </h2>
      {plan.items.length === 0 ? (
        <p className="kern-body">{t('planning.empty')}</p>
      ) : (
        <TableScroller label={t('planning.listHeading')}>
          <table className="kern-table plan-table">
            <caption className="kern-sr-only">{t('planning.listHeading')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                {(['rank', 'application', 'decision', 'score', 'requested', 'amount', 'status'] as const).map(
                  (column) => (
                    <th className="kern-table__header" scope="col" key={column}>
                      {t(`planning.columns.${column}`)}
                    </th>
                  ),
                )}
                {editable && (
                  <th className="kern-table__header" scope="col">
                    <span className="kern-sr-only">{t('planning.columns.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {plan.items.map((item) => (
                <tr className="kern-table__row" key={item.applicationId}>
                  <td className="kern-table__cell">
                    {item.rank ?? '–'}
                    {item.manualRank !== null && (
                      <>
                        <br />
                        <span className="kern-body--small">{t('planning.manualRank')}</span>
                      </>
                    )}
                  </td>
                  <th className="kern-table__header" scope="row">
                    <Link className="kern-link" to={inboxApplicationPath(item.applicationId)}>
                      {item.title}
                    </Link>
                    <br />
                    <span className="kern-body kern-body--small">
                      {item.reference} · {item.carrier}
                    </span>
                  </th>
                  <td className="kern-table__cell">
                    {item.decision
                      ? t(
                          `planning.outcomes.${item.decision.outcome as 'adopted' | 'rejected' | 'no_quorum'}`,
                        )
                      : t('planning.undecided')}
                  </td>
                  <td className="kern-table__cell">
                    {scoreText(item.score)}
                    <br />
                    <span className="kern-body--small">{t('planning.reviews', { count: item.reviews })}</span>
                  </td>
                  <td className="kern-table__cell">{money(item.requestedCents)}</td>
                  <td className="kern-table__cell">
                    {money(item.amountCents)}
                    {item.amountReason && (
                      <>
                        <br />
                        <span className="kern-body--small">{item.amountReason}</span>
                      </>
                    )}
                  </td>
                  <td className="kern-table__cell">
                    <Badge variant={statusBadge[item.status]} label={t(`planning.statuses.${item.status}`)} />
                    {item.shortByCents && (
                      <>
                        <br />
                        <span className="kern-body--small">
                          {t('planning.shortBy', { amount: money(item.shortByCents) })}
                        </span>
                      </>
                    )}
                  </td>
                  {editable && (
                    <td className="kern-table__cell">
                      <Button
                        variant="tertiary"
                        label={t('planning.adjust', { title: item.reference })}
                        onClick={() => setEditing(item)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {editing && (
        <AdjustForm
          key={editing.applicationId}
          plan={plan}
          item={editing}
          onDone={(next) => {
            setEditing(null);
            if (next) onChanged(next);
          }}
        />
      )}
    </section>
  );
}

function AdjustForm({
  plan,
  item,
  onDone,
}: {
  plan: ProgrammePlan;
  item: PlanItem;
  onDone(next: ProgrammePlan | null): void;
}) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState(item.amountCents);
  const [reason, setReason] = useState(item.amountReason ?? '');
  const [rank, setRank] = useState(item.manualRank === null ? '' : String(item.manualRank));
  const fields = useMemo(
    () => ({
      amountCents: { id: 'adjust-amount', label: t('planning.amount') },
      amountReason: { id: 'adjust-reason', label: t('planning.amountReason') },
      manualRank: { id: 'adjust-rank', label: t('planning.manualRankLabel') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (rank !== '' && !/^[1-9]\d*$/.test(rank)) {
      form.showFieldErrors({ manualRank: (tr) => tr('planning.rankInvalid') });
      return;
    }
    await submitting.run(async () => {
      onDone(
        await adjustPlanLine(plan.callId, item.applicationId, {
          amountCents: amount === '' || amount === item.requestedCents ? null : amount,
          amountReason: reason,
          manualRank: rank === '' ? null : Number(rank),
        }),
      );
    });
  }
  return (
    <form className="page__section" onSubmit={submit} noValidate aria-labelledby="planung-anpassen">
      <h3 className="kern-heading-small" id="planung-anpassen">
        {t('planning.adjustHeading', { title: item.title, reference: item.reference })}
      </h3>
      <ErrorSummary {...form.summaryProps} />
      <AmountField
        id="adjust-amount"
        label={t('planning.amount')}
        hint={t('planning.amountHint', { requested: money(item.requestedCents) })}
        cents={amount}
        error={form.fieldError('amountCents')}
        onChange={(cents) => setAmount(cents ?? '')}
      />
      <TextAreaField
        id="adjust-reason"
        label={t('planning.amountReason')}
        hint={t('planning.amountReasonHint')}
        rows={2}
        value={reason}
        error={form.fieldError('amountReason')}
        onChange={setReason}
      />
      <TextField
        id="adjust-rank"
        label={t('planning.manualRankLabel')}
        hint={t('planning.manualRankHint')}
        optional
        inputMode="numeric"
        width={4}
        value={rank}
        error={form.fieldError('manualRank')}
        onChange={setRank}
      />
      <div className="page__actions">
        <Button type="submit" label={t('planning.save')} disabled={submitting.busy} />
        <Button variant="secondary" label={t('planning.cancel')} onClick={() => onDone(null)} />
      </div>
    </form>
  );
}

function Scenarios({
  plan,
  editable,
  onChanged,
}: {
  plan: ProgrammePlan;
  editable: boolean;
  onChanged(next: ProgrammePlan): void;
}) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [budget, setBudget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fields = useMemo(
    () => ({
      label: { id: 'scenario-label', label: t('planning.scenarioLabel') },
      budgetCents: { id: 'scenario-budget', label: t('planning.scenarioBudget') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const submitting = useSubmit(form.showApiError);
  const titles = new Map(plan.items.map((item) => [item.applicationId, item]));
  const comparison = plan.comparison;

  async function add(event: FormEvent) {
    event.preventDefault();
    await submitting.run(async () => {
      onChanged(await addPlanScenario(plan.callId, { label, ...(budget ? { budgetCents: budget } : {}) }));
      setLabel('');
      setBudget('');
      form.clear();
    });
  }

  async function remove(scenarioId: string) {
    setError(null);
    try {
      onChanged(await removePlanScenario(plan.callId, scenarioId));
    } catch (caught) {
      setError(describeError(caught, t));
    }
  }

  if (plan.status === 'final') return null;
  return (
    <section className="page__section" aria-labelledby="planung-szenarien">
      <h2 className="kern-heading-medium" id="planung-szenarien">
        {t('planning.scenariosHeading')}
      </h2>
      <p className="kern-body">{t('planning.scenariosIntro')}</p>
      {error && (
        <Alert variant="danger" title={t('planning.stepFailed')} role="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      )}
      {comparison && (
        <TableScroller label={t('planning.comparisonCaption')}>
          <table className="kern-table plan-table" data-testid="scenario-comparison">
            <caption className="kern-sr-only">{t('planning.comparisonCaption')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="col">
                  {t('planning.columns.application')}
                </th>
                <th className="kern-table__header" scope="col">
                  {t('planning.basePlan')}
                </th>
                {comparison.scenarios.map((scenario) => (
                  <th className="kern-table__header" scope="col" key={scenario.key}>
                    {scenario.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              <tr className="kern-table__row">
                <th className="kern-table__header" scope="row">
                  {t('planning.totalsRow')}
                </th>
                {[comparison.base, ...comparison.scenarios].map((totals, index) => (
                  <td className="kern-table__cell" key={index}>
                    {t('planning.totalsCell', {
                      selected: money(totals.selectedTotal),
                      budget: money(totals.budget),
                      count: totals.selectedCount,
                    })}
                  </td>
                ))}
              </tr>
              {comparison.rows.map((row) => (
                <tr className="kern-table__row" key={row.applicationId}>
                  <th className="kern-table__header" scope="row">
                    {titles.get(row.applicationId)?.reference} {titles.get(row.applicationId)?.title}
                  </th>
                  {[row.base, ...row.scenarios].map((cell, index) => (
                    <td className={`kern-table__cell${cell.changed ? ' plan-changed' : ''}`} key={index}>
                      {t('planning.cell', {
                        rank: cell.rank ?? '–',
                        status: t(`planning.statuses.${cell.status}`),
                        amount: money(cell.amount),
                      })}
                      {cell.changed && <span className="kern-sr-only"> {t('planning.changed')}</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {editable && plan.scenarios.length > 0 && (
        <ul className="kern-list">
          {plan.scenarios.map((scenario) => (
            <li key={scenario.id}>
              {scenario.label}{' '}
              <Button
                variant="tertiary"
                label={t('planning.removeScenario', { label: scenario.label })}
                onClick={() => remove(scenario.id)}
              />
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={add} noValidate aria-labelledby="szenario-neu">
          <h3 className="kern-heading-small" id="szenario-neu">
            {t('planning.newScenario')}
          </h3>
          <ErrorSummary {...form.summaryProps} />
          <TextField
            id="scenario-label"
            label={t('planning.scenarioLabel')}
            value={label}
            error={form.fieldError('label')}
            onChange={setLabel}
          />
          <AmountField
            id="scenario-budget"
            label={t('planning.scenarioBudget')}
            optional
            cents={budget}
            error={form.fieldError('budgetCents')}
            onChange={(cents) => setBudget(cents ?? '')}
          />
          <Button
            type="submit"
            variant="secondary"
            label={t('planning.addScenario')}
            disabled={submitting.busy}
          />
        </form>
      )}
    </section>
  );
}

function Finalise({ plan, onChanged }: { plan: ProgrammePlan; onChanged(next: ProgrammePlan): void }) {
  const { t } = useTranslation();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  return (
    <>
      <Button
        label={t('planning.finalise')}
        onClick={() =>
          setConfirmation({
            title: t('planning.finaliseTitle'),
            body: t('planning.finaliseBody', {
              selected: plan.totals.selected,
              waitlisted: plan.totals.waitlisted,
              amount: money(plan.totals.selectedCents),
            }),
            confirmLabel: t('planning.finaliseConfirm'),
            action: async () => onChanged(await finaliseProgrammePlan(plan.callId)),
          })
        }
      />
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </>
  );
}
