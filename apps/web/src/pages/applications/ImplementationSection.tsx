import { type FormEvent, useCallback, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  addInterimReport,
  type ApplicationDetail,
  type CallOff,
  costCategories,
  listCallOffs,
  listRepaymentClaims,
  listReports,
  approveCallOff,
  approvePlanChange,
  listPlanChanges,
  newIdempotencyKey,
  type PlanChange,
  payCallOff,
  rejectCallOff,
  reportCallOffUse,
  type Report,
  requestCallOff,
} from '../../api/applications';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AmountField } from '../../components/applications/AmountField';
import { day, dateTime, money } from '../../components/applications/format';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { describeError } from '../../components/form/formErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { TableScroller } from '../../components/TableScroller';
import { TextLink } from '../../components/TextLink';
import { useActionUntilShown } from '../../hooks/useActionUntilShown';
import { useApiData, useReloadOn } from '../../hooks/useApiData';
import { useFocusWhenShown } from '../../hooks/useFocusWhenShown';
import { applicationPath } from '../../paths';
import { berlinToday } from '../../utils/berlinTime';
import { compareAmountsWithPlan, dayOfUseProblem, perMilleText } from '@kiezfonds/domain';
import { RecoverySection } from './RecoverySection';
import { SettlementSection } from './SettlementSection';
import type { Message } from '../../components/form/formErrors';

type Viewer = 'carrier' | 'staff';

const callOffVariant = { requested: 'info', approved: 'info', paid: 'success', rejected: 'danger' } as const;

/**
 * Implementation (Umsetzung) of a funded application: call-offs with their prompt-use deadline,
 * interim reports and the proof of use with its settlement, repayment claims. Carriers request and
 * report; finance staff (`canPay`) pay or refuse call-offs and recover repayment claims.
 */
export function ImplementationSection({
  detail,
  role,
  canPay = false,
  canApprovePlanChanges = false,
  onChanged,
}: {
  detail: ApplicationDetail;
  role: Viewer;
  canPay?: boolean;
  /** The district's coordinator records changes to the plan approved after the notice. */
  canApprovePlanChanges?: boolean;
  onChanged?(): void;
}) {
  const { t } = useTranslation();
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => {
    setChanges((n) => n + 1);
    onChanged?.();
  }, [onChanged]);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [callOffs, reports, claims] = await Promise.all([
        listCallOffs(detail.id, { signal }),
        listReports(detail.id, { signal }),
        listRepaymentClaims(detail.id, { signal }),
      ]);
      return { callOffs: callOffs.items, reports: reports.items, claims: claims.items };
    },
    [detail.id],
  );
  const { state, reload } = useApiData(load);
  // Reloaded in place, never through the loader: that would unmount the forms with their
  // confirmations. A lifecycle step elsewhere on the page (revocation, completion) changes the
  // application's version and state, and with them call-offs and repayment claims.
  const stamp = `${detail.version}:${detail.state}:${changes}`;
  useReloadOn(stamp, reload);
  const implementing = detail.state === 'in_implementation';
  const { outcome, decided } = useCallOffOutcome(changed);

  return (
    <section className="page__section" aria-labelledby="umsetzung">
      <h2 className="kern-heading-medium" id="umsetzung">
        {t('implementation.heading')}
      </h2>
      {state.status === 'loading' && <Loader label={t('implementation.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('implementation.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          <h3 className="kern-heading-small">{t('implementation.callOffs.heading')}</h3>
          {outcome && <CallOffOutcomeMessage outcome={outcome} />}
          <CallOffTable callOffs={state.data.callOffs} canPay={canPay} onChanged={decided} />
          {role === 'carrier' && <CallOffUseReports callOffs={state.data.callOffs} onReported={changed} />}
          {role === 'carrier' && implementing && <CallOffForm detail={detail} onRequested={changed} />}

          <h3 className="kern-heading-small">{t('implementation.reports.heading')}</h3>
          <ReportList reports={state.data.reports} detail={detail} />
          {role === 'carrier' && implementing && (
            <InterimReportForm applicationId={detail.id} onAdded={changed} />
          )}
          {role === 'carrier' && detail.allowedEvents.includes('SUBMIT_FINAL_REPORT') && (
            <p className="kern-body">
              <TextLink to={applicationPath(detail.id, 'verwendungsnachweis')}>
                {t('implementation.finalReport.link')}
              </TextLink>
            </p>
          )}

          <PlanChanges detail={detail} canApprove={canApprovePlanChanges} />
          {state.data.reports.some((report) => report.kind === 'final') && (
            <SettlementSection applicationId={detail.id} version={stamp} />
          )}

          {state.data.claims.length > 0 && (
            // Recovery changes neither the application nor its settlement: reloading the lists in place
            // keeps the claim's form and its outcome on screen.
            <RecoverySection claims={state.data.claims} canRecover={canPay} onChanged={reload} />
          )}
        </>
      )}
    </section>
  );
}

/** The states in which the API accepts a plan change: between the notice and completion. */
const planChangeStates: readonly string[] = ['approved', 'in_implementation', 'final_report_submitted'];

/**
 * Changes to the plan approved after the notice: listed for everyone who sees the application,
 * recorded by the coordinator. The list reloads on its own, so the form and its confirmation stay.
 */
function PlanChanges({ detail, canApprove }: { detail: ApplicationDetail; canApprove: boolean }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const load = useCallback(
    async (signal: AbortSignal) => ({ items: (await listPlanChanges(detail.id, { signal })).items, version }),
    [detail.id, version],
  );
  const { state, reload } = useApiData(load);
  if (!canApprove && (state.status !== 'loaded' || state.data.items.length === 0)) return null;
  return (
    <>
      <h3 className="kern-heading-small">{t('implementation.planChanges.heading')}</h3>
      {state.status === 'loading' && <Loader label={t('implementation.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('implementation.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && <PlanChangeList changes={state.data.items} />}
      {canApprove && planChangeStates.includes(detail.state) && (
        <PlanChangeForm detail={detail} onApproved={() => setVersion((n) => n + 1)} />
      )}
    </>
  );
}

function PlanChangeList({ changes }: { changes: PlanChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p className="kern-body">{t('implementation.planChanges.none')}</p>;
  return (
    <div className="kern-table-responsive table-wrapper">
      <table className="kern-table kern-table--small">
        <caption className="kern-sr-only">{t('implementation.planChanges.caption')}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('implementation.planChanges.line')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('implementation.planChanges.amount')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('implementation.planChanges.reason')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('implementation.planChanges.approvedAt')}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {changes.map((change) => (
            <tr key={change.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {change.cashYear}, {t(`costCategories.${change.category}`)}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{money(change.amountCents)}</td>
              <td className="kern-table__cell">{change.reason}</td>
              <td className="kern-table__cell">{dateTime(change.approvedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlanChangeForm({ detail, onApproved }: { detail: ApplicationDetail; onApproved(): void }) {
  const { t } = useTranslation();
  const years = cashYearsOf(detail);
  const [cashYear, setCashYear] = useState(String(years[0]));
  const [category, setCategory] = useState<string>(costCategories[0]);
  const [amount, setAmount] = useState<string | null>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // One key per intended change: a repeated click or a retry records it once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const fields = useMemo(
    () => ({
      cashYear: { id: 'planaenderung-kassenjahr', label: t('implementation.planChanges.cashYear') },
      category: { id: 'planaenderung-kostenart', label: t('implementation.planChanges.category') },
      amountCents: { id: 'planaenderung-betrag', label: t('implementation.planChanges.amountInput') },
      reason: { id: 'planaenderung-grund', label: t('implementation.planChanges.reason') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const problems: Record<string, Message> = {};
    if (!amount || amount === '0')
      problems.amountCents = (tr) => tr('implementation.planChanges.amountRequired');
    if (!reason.trim()) problems.reason = (tr) => tr('implementation.planChanges.reasonRequired');
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    setBusy(true);
    try {
      const change = await approvePlanChange(
        detail.id,
        {
          cashYear: Number(cashYear),
          category: category as PlanChange['category'],
          amountCents: amount!,
          reason: reason.trim(),
        },
        idempotencyKey,
      );
      form.clear();
      setAmount('');
      setReason('');
      setIdempotencyKey(newIdempotencyKey());
      setDone(
        t('implementation.planChanges.done', {
          line: `${change.cashYear}, ${t(`costCategories.${change.category}`)}`,
          amount: money(change.amountCents),
        }),
      );
      onApproved();
    } catch (error) {
      form.showApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="planaenderung-formular"
    >
      <h4 className="kern-heading-small" id="planaenderung-formular">
        {t('implementation.planChanges.formHeading')}
      </h4>
      <p className="kern-body">{t('implementation.planChanges.intro')}</p>
      <ErrorSummary {...form.summaryProps} />
      {done && (
        <Alert variant="success" title={t('implementation.planChanges.doneTitle')} role="status">
          <p className="kern-body">{done}</p>
        </Alert>
      )}
      <SelectField
        id={fields.cashYear.id}
        label={fields.cashYear.label}
        value={cashYear}
        options={years.map((year) => ({ value: String(year), label: String(year) }))}
        error={form.fieldError('cashYear')}
        onChange={setCashYear}
      />
      <SelectField
        id={fields.category.id}
        label={fields.category.label}
        value={category}
        options={costCategories.map((c) => ({ value: c, label: t(`costCategories.${c}`) }))}
        error={form.fieldError('category')}
        onChange={setCategory}
      />
      <AmountField
        id={fields.amountCents.id}
        label={fields.amountCents.label}
        hint={t('applicationForm.amountHint')}
        cents={amount ?? ''}
        error={form.fieldError('amountCents')}
        onChange={setAmount}
      />
      <TextAreaField
        id={fields.reason.id}
        label={fields.reason.label}
        hint={t('implementation.planChanges.reasonHint')}
        rows={3}
        value={reason}
        error={form.fieldError('reason')}
        onChange={setReason}
      />
      <div>
        <Button type="submit" label={t('implementation.planChanges.submit')} disabled={busy} />
      </div>
    </form>
  );
}

function CallOffTable({
  callOffs,
  canPay,
  onChanged,
}: {
  callOffs: CallOff[];
  canPay: boolean;
  onChanged(outcome?: CallOffOutcome): void;
}) {
  const { t } = useTranslation();
  if (callOffs.length === 0) return <p className="kern-body">{t('implementation.callOffs.none')}</p>;
  return (
    <TableScroller label={t('implementation.callOffs.caption')}>
      <table className="kern-table kern-table--small">
        <caption className="kern-sr-only">{t('implementation.callOffs.caption')}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('implementation.callOffs.number')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('implementation.callOffs.cashYear')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('implementation.callOffs.amount')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('implementation.callOffs.state')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('implementation.callOffs.spendBy')}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {callOffs.map((callOff) => (
            <tr key={callOff.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {t('implementation.callOffs.numbered', { number: callOff.number })}
                <span className="kern-body kern-body--small kern-body--muted call-off__purpose">
                  {callOff.purpose || t('implementation.callOffs.noPurpose')}
                  {' · '}
                  {t('implementation.callOffs.requestedAt', { date: dateTime(callOff.requestedAt) })}
                </span>
              </th>
              <td className="kern-table__cell">{callOff.cashYear}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{money(callOff.amountCents)}</td>
              <td className="kern-table__cell">
                <Badge
                  variant={callOffVariant[callOff.state]}
                  label={t(`implementation.callOffs.states.${callOff.state}`)}
                />
                {callOff.paidOn && (
                  <span className="kern-body kern-body--small">
                    {' '}
                    {t('implementation.callOffs.paidOn', { date: day(callOff.paidOn) })}
                  </span>
                )}
                {callOff.usedOn && (
                  <span className="kern-body kern-body--small call-off__used">
                    {t('implementation.callOffs.usedOn', { date: day(callOff.usedOn) })}
                  </span>
                )}
                {callOff.rejectReason && (
                  <span className="kern-body kern-body--small"> {callOff.rejectReason}</span>
                )}
                {canPay && (callOff.state === 'requested' || callOff.state === 'approved') && (
                  <CallOffDecision callOff={callOff} onDecided={onChanged} />
                )}
              </td>
              <td className="kern-table__cell">
                {callOff.spendBy ? (
                  <>
                    {day(callOff.spendBy)}
                    {callOff.spendBy < berlinToday() && (
                      <span className="kern-body kern-body--small">
                        {' '}
                        {t('implementation.callOffs.spendByPassed')}
                      </span>
                    )}
                  </>
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

/** A call-off finance has just paid or refused, as the API answered it. */
export type CallOffOutcome = {
  callOff: CallOff;
  /** The application's file number, where call-offs of several applications are listed together. */
  reference?: string;
};

const callOffOutcomeId = 'mittelabruf-ergebnis';

/**
 * The latest payment or refusal of a list of call-offs, kept by the list: the decided call-off's
 * actions go away with the decision (on finance's work list the whole call-off does), so the
 * confirmation takes the keyboard focus instead of leaving it at the start of the page.
 */
export function useCallOffOutcome(onChanged: () => void) {
  const [outcome, setOutcome] = useState<CallOffOutcome | null>(null);
  const focusWhenShown = useFocusWhenShown();
  const decided = useCallback(
    (next?: CallOffOutcome) => {
      if (next) {
        focusWhenShown(callOffOutcomeId);
        setOutcome(next);
      }
      onChanged();
    },
    [focusWhenShown, onChanged],
  );
  return { outcome, decided };
}

/** Says which call-off was paid (on which day, to be used by when) or refused; a status message. */
export function CallOffOutcomeMessage({ outcome: { callOff, reference } }: { outcome: CallOffOutcome }) {
  const { t } = useTranslation();
  const name = withReference(t, t('implementation.callOffs.numbered', { number: callOff.number }), reference);
  const paid = callOff.state === 'paid';
  return (
    <div id={callOffOutcomeId} tabIndex={-1} className="focus-target">
      <Alert
        variant={paid ? 'success' : 'info'}
        title={t(paid ? 'implementation.decision.paidTitle' : 'implementation.decision.rejectedTitle')}
        role="status"
      >
        <p className="kern-body">
          {paid
            ? t('implementation.decision.paidDone', {
                callOff: name,
                amount: money(callOff.amountCents),
                date: day(callOff.paidOn),
              })
            : t('implementation.decision.rejectedDone', {
                callOff: name,
                amount: money(callOff.amountCents),
              })}
          {paid &&
            callOff.spendBy &&
            ` ${t('implementation.decision.spendBy', { date: day(callOff.spendBy) })}`}
        </p>
      </Alert>
    </div>
  );
}

/**
 * A call-off's name or action ("Mittelabruf 2", "Mittelabruf 2 auszahlen") with the application's
 * file number where call-offs of several applications are listed and the number alone is ambiguous.
 */
export function withReference(t: TFunction, label: string, reference?: string): string {
  return reference ? t('implementation.decision.ofApplication', { label, reference }) : label;
}

/**
 * Finance: approve or refuse a requested call-off; pay an approved one (on a day, today by
 * default). The approval is its own step, so a requested call-off shows no payment. A payment or
 * refusal is handed to `onDecided` with the API's answer, for the list to confirm it.
 */
export function CallOffDecision({
  callOff,
  reference,
  onDecided,
}: {
  callOff: CallOff;
  /** The application's file number, named in the buttons where several applications are listed. */
  reference?: string;
  onDecided(outcome?: CallOffOutcome): void;
}) {
  const { t } = useTranslation();
  // `done`: paid or refused; its actions are gone before the reloaded list shows the new state.
  const [mode, setMode] = useState<'none' | 'pay' | 'reject' | 'done'>('none');
  const [paidOn, setPaidOn] = useState(berlinToday());
  const [reason, setReason] = useState('');
  // One key per decision: a double click or a retry after a lost answer decides once. A refusal
  // by the server (4xx) ends that attempt; the next one is a new action with a new key. A decision
  // taken keeps the actions disabled until the list shows it: pressed again before, it would be a
  // second decision under a new key.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const decision = useActionUntilShown(callOff);
  const idPrefix = `mittelabruf-${callOff.id}`;
  const fields = useMemo(
    () => ({
      paidOn: { id: `${idPrefix}-bezahlt`, label: t('implementation.decision.paidOn') },
      reason: { id: `${idPrefix}-grund`, label: t('implementation.decision.reason') },
    }),
    [idPrefix, t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const focusWhenShown = useFocusWhenShown();
  const payButtonId = `${idPrefix}-auszahlen`;
  const rejectButtonId = `${idPrefix}-ablehnen`;

  function open(next: 'pay' | 'reject') {
    focusWhenShown(next === 'pay' ? fields.paidOn.id : fields.reason.id);
    setMode(next);
  }

  function cancel() {
    focusWhenShown(mode === 'pay' ? payButtonId : rejectButtonId);
    form.clear();
    setMode('none');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === 'reject' && !reason.trim()) {
      form.showFieldErrors({ reason: (tr) => tr('implementation.decision.reasonRequired') });
      return;
    }
    if (mode === 'pay' && !paidOn) {
      form.showFieldErrors({ paidOn: (tr) => tr('implementation.decision.paidOnRequired') });
      return;
    }
    try {
      const answer = await decision.run(() =>
        mode === 'pay'
          ? payCallOff(callOff.id, paidOn, idempotencyKey)
          : rejectCallOff(callOff.id, reason.trim(), idempotencyKey),
      );
      form.clear();
      setMode('done');
      setIdempotencyKey(newIdempotencyKey());
      onDecided({ callOff: answer, reference });
    } catch (error) {
      if (isApiError(error)) setIdempotencyKey(newIdempotencyKey());
      form.showApiError(error);
    }
  }

  async function approve() {
    // Paying is the next step: its button takes the focus once the list shows the approval.
    focusWhenShown(payButtonId);
    try {
      await decision.run(() => approveCallOff(callOff.id, idempotencyKey));
      setIdempotencyKey(newIdempotencyKey());
      onDecided();
    } catch (error) {
      focusWhenShown(null);
      if (isApiError(error)) setIdempotencyKey(newIdempotencyKey());
      form.showApiError(error);
    }
  }

  if (mode === 'done') return null;
  const named = (label: string) => withReference(t, label, reference);
  if (mode === 'none') {
    return (
      <div className="call-off__actions">
        <ErrorSummary {...form.summaryProps} />
        {callOff.state === 'requested' && (
          <Button
            variant="secondary"
            label={t('implementation.decision.approve')}
            aria-label={named(t('implementation.decision.approveNumbered', { number: callOff.number }))}
            disabled={decision.pending}
            onClick={() => void approve()}
          />
        )}
        {callOff.state === 'approved' && (
          <Button
            id={payButtonId}
            variant="secondary"
            label={t('implementation.decision.pay')}
            aria-label={named(t('implementation.decision.payNumbered', { number: callOff.number }))}
            disabled={decision.pending}
            onClick={() => open('pay')}
          />
        )}
        {callOff.state === 'requested' && (
          <Button
            id={rejectButtonId}
            variant="tertiary"
            label={t('implementation.decision.reject')}
            aria-label={named(t('implementation.decision.rejectNumbered', { number: callOff.number }))}
            disabled={decision.pending}
            onClick={() => open('reject')}
          />
        )}
      </div>
    );
  }
  return (
    <form noValidate className="form call-off__form" onSubmit={(event) => void submit(event)}>
      <ErrorSummary {...form.summaryProps} />
      {mode === 'pay' ? (
        <TextField
          id={fields.paidOn.id}
          label={fields.paidOn.label}
          type="date"
          max={berlinToday()}
          value={paidOn}
          error={form.fieldError('paidOn')}
          onChange={setPaidOn}
        />
      ) : (
        <TextAreaField
          id={fields.reason.id}
          label={fields.reason.label}
          rows={3}
          value={reason}
          error={form.fieldError('reason')}
          onChange={setReason}
        />
      )}
      <div className="page__actions">
        <Button
          type="submit"
          label={
            mode === 'pay'
              ? t('implementation.decision.confirmPay', { amount: money(callOff.amountCents) })
              : t('implementation.decision.confirmReject')
          }
          disabled={decision.pending}
        />
        <Button variant="secondary" label={t('common.cancel')} onClick={cancel} />
      </div>
    </form>
  );
}

const useOutcomeId = 'verwendung-bestaetigung';

/**
 * The carrier reports the day the money of each paid call-off was used (DOMAIN.md step 8: called-off
 * money is used promptly). The confirmation is kept here, not in the form: the reported call-off's
 * form goes away with the reloaded list, so the confirmation takes the focus instead.
 */
function CallOffUseReports({ callOffs, onReported }: { callOffs: CallOff[]; onReported(): void }) {
  const [reported, setReported] = useState<CallOff | null>(null);
  const focusWhenShown = useFocusWhenShown();
  const open = callOffs.filter((callOff) => callOff.state === 'paid' && callOff.usedOn === null);
  const done = useCallback(
    (callOff: CallOff) => {
      focusWhenShown(useOutcomeId);
      setReported(callOff);
      onReported();
    },
    [focusWhenShown, onReported],
  );
  return (
    <>
      {reported && <CallOffUseConfirmation callOff={reported} />}
      {open.map((callOff) => (
        <CallOffUseForm key={callOff.id} callOff={callOff} onReported={done} />
      ))}
    </>
  );
}

/** Says which call-off's money was used when, and for a late use that finance computes the interest. */
function CallOffUseConfirmation({ callOff }: { callOff: CallOff }) {
  const { t } = useTranslation();
  // A late use after a revocation raises no claim (the revocation's claim charges the interest).
  const interest = callOff.late && callOff.lateUseClaimId !== null;
  return (
    <div id={useOutcomeId} tabIndex={-1} className="focus-target">
      <Alert
        variant={interest ? 'warning' : 'success'}
        title={t('implementation.use.doneTitle')}
        role="status"
      >
        <p className="kern-body">
          {t('implementation.use.done', { number: callOff.number, date: day(callOff.usedOn) })}
        </p>
        {interest && (
          <p className="kern-body">{t('implementation.use.late', { spendBy: day(callOff.spendBy) })}</p>
        )}
      </Alert>
    </div>
  );
}

function CallOffUseForm({ callOff, onReported }: { callOff: CallOff; onReported(callOff: CallOff): void }) {
  const { t } = useTranslation();
  const [usedOn, setUsedOn] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per report: a double click or a retry after a lost answer reports once. A refusal by
  // the server (4xx) ends that attempt; the next one is a new action with a new key.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const prefix = `verwendung-${callOff.id}`;
  const headingId = `${prefix}-titel`;
  const fields = useMemo(
    () => ({ usedOn: { id: `${prefix}-tag`, label: t('implementation.use.day') } }),
    [prefix, t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const paidOn = callOff.paidOn ?? '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!usedOn) {
      form.showFieldErrors({ usedOn: (tr) => tr('implementation.use.dayRequired') });
      return;
    }
    // The API's rule, checked before sending so the carrier hears of it at once.
    const problem = dayOfUseProblem({ usedOn, paidOn, today: berlinToday() });
    if (problem) {
      form.showFieldErrors({
        usedOn:
          problem === 'notInFuture'
            ? (tr) => tr('implementation.use.notInFuture')
            : (tr) => tr('implementation.use.notBeforePayment', { date: day(paidOn) }),
      });
      return;
    }
    setBusy(true);
    try {
      const answer = await reportCallOffUse(callOff.id, usedOn, idempotencyKey);
      form.clear();
      onReported(answer);
    } catch (error) {
      if (isApiError(error)) setIdempotencyKey(newIdempotencyKey());
      form.showApiError(error);
    } finally {
      setBusy(false);
    }
  }

  const values = { number: callOff.number, amount: money(callOff.amountCents), paidOn: day(paidOn) };
  return (
    <form noValidate className="form" onSubmit={(event) => void submit(event)} aria-labelledby={headingId}>
      <h4 className="kern-heading-small" id={headingId}>
        {t('implementation.use.heading', { number: callOff.number })}
      </h4>
      <p className="kern-body">
        {callOff.spendBy
          ? t('implementation.use.intro', { ...values, spendBy: day(callOff.spendBy) })
          : t('implementation.use.introWithoutDeadline', values)}
      </p>
      <ErrorSummary {...form.summaryProps} />
      <TextField
        id={fields.usedOn.id}
        label={fields.usedOn.label}
        hint={t('implementation.use.dayHint')}
        type="date"
        min={paidOn || undefined}
        max={berlinToday()}
        value={usedOn}
        error={form.fieldError('usedOn')}
        onChange={setUsedOn}
      />
      <div>
        <Button
          type="submit"
          label={t('implementation.use.submit')}
          aria-label={t('implementation.use.submitNumbered', { number: callOff.number })}
          disabled={busy}
        />
      </div>
    </form>
  );
}

function cashYearsOf(detail: ApplicationDetail): number[] {
  const years = new Set((detail.content.financingPlan ?? []).flatMap((line) => line.cashYear ?? []));
  if (years.size === 0) years.add(detail.call.programmeYear);
  return [...years].sort((a, b) => a - b);
}

function CallOffForm({ detail, onRequested }: { detail: ApplicationDetail; onRequested(): void }) {
  const { t } = useTranslation();
  const years = cashYearsOf(detail);
  const [cashYear, setCashYear] = useState(
    String(years.find((y) => y >= Number(berlinToday().slice(0, 4))) ?? years[0]),
  );
  const [amount, setAmount] = useState<string | null>('');
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [requested, setRequested] = useState<string | null>(null);
  // The refusal itself, not its text: shown in the UI language of the moment, also after a switch.
  const [refusal, setRefusal] = useState<{ error: unknown } | null>(null);
  // One key per intended call-off: a double click or a retry after a lost answer requests once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const fields = useMemo(
    () => ({
      cashYear: { id: 'abruf-kassenjahr', label: t('implementation.request.cashYear') },
      amountCents: { id: 'abruf-betrag', label: t('implementation.request.amount') },
      purpose: { id: 'abruf-zweck', label: t('implementation.request.purpose') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const focusWhenShown = useFocusWhenShown();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    setRequested(null);
    if (!amount || amount === '0') {
      form.showFieldErrors({ amountCents: (tr) => tr('implementation.request.amountRequired') });
      return;
    }
    setBusy(true);
    try {
      const callOff = await requestCallOff(
        detail.id,
        { cashYear: Number(cashYear), amountCents: amount, purpose: purpose.trim() || undefined },
        idempotencyKey,
      );
      setIdempotencyKey(newIdempotencyKey());
      form.clear();
      setAmount('');
      setPurpose('');
      focusWhenShown('abruf-bestaetigung');
      setRequested(
        t('implementation.request.done', { number: callOff.number, amount: money(callOff.amountCents) }),
      );
      onRequested();
    } catch (error) {
      if (isApiError(error)) setIdempotencyKey(newIdempotencyKey());
      if (isApiError(error) && error.status === 422) {
        form.clear();
        setRefusal({ error });
      } else {
        form.showApiError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="abruf-formular"
    >
      <h4 className="kern-heading-small" id="abruf-formular">
        {t('implementation.request.heading')}
      </h4>
      <p className="kern-body">{t('implementation.request.intro')}</p>
      <ErrorSummary {...form.summaryProps} />
      {refusal && (
        <Alert variant="danger" title={t('implementation.request.refused')} role="alert">
          <p className="kern-body">{describeError(refusal.error, t)}</p>
        </Alert>
      )}
      {requested && (
        <div id="abruf-bestaetigung" tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('implementation.request.doneTitle')} role="status">
            <p className="kern-body">{requested}</p>
          </Alert>
        </div>
      )}
      <SelectField
        id={fields.cashYear.id}
        label={fields.cashYear.label}
        value={cashYear}
        options={years.map((year) => ({ value: String(year), label: String(year) }))}
        error={form.fieldError('cashYear')}
        onChange={setCashYear}
      />
      <AmountField
        id={fields.amountCents.id}
        label={fields.amountCents.label}
        hint={t('applicationForm.amountHint')}
        cents={amount ?? ''}
        error={form.fieldError('amountCents')}
        onChange={setAmount}
      />
      <TextAreaField
        id={fields.purpose.id}
        label={fields.purpose.label}
        hint={t('implementation.request.purposeHint')}
        optional
        rows={3}
        value={purpose}
        error={form.fieldError('purpose')}
        onChange={setPurpose}
      />
      <div>
        <Button type="submit" label={t('implementation.request.submit')} disabled={busy} />
      </div>
    </form>
  );
}

function ReportList({ reports, detail }: { reports: Report[]; detail: ApplicationDetail }) {
  const { t } = useTranslation();
  if (reports.length === 0) return <p className="kern-body">{t('implementation.reports.none')}</p>;
  return (
    <ul className="report-list">
      {reports.map((report) => (
        <li key={report.id} className="report-list__item">
          <details className="kern-accordion">
            <summary className="kern-accordion__header">
              <span className="kern-title">
                {t(`implementation.reports.kind.${report.kind}`)} – {dateTime(report.submittedAt)}
                {report.submittedBy && ` (${report.submittedBy})`}
              </span>
            </summary>
            <div className="kern-accordion__body">
              <p className="kern-body report-list__text">{report.text}</p>
              {report.kind === 'final' && report.actuals.length > 0 && (
                <ActualsTable detail={detail} actuals={report.actuals} />
              )}
              {report.spentCents && (
                <p className="kern-body">
                  {t('implementation.reports.spent', { amount: money(report.spentCents) })}
                </p>
              )}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}

/**
 * Planned and actual costs per cash year and category, lines over the tolerated 20 % flagged.
 * Where costs count net (the organisation deducts input tax), the actuals without their VAT.
 * Changes to the plan approved after the notice count as planned, as in the settlement.
 */
export function ActualsTable({
  detail,
  actuals,
}: {
  detail: ApplicationDetail;
  actuals: { cashYear: number; category: string; amountCents: string; vatCents?: string }[];
}) {
  const { t, i18n } = useTranslation();
  const loadChanges = useCallback(
    (signal: AbortSignal) => listPlanChanges(detail.id, { signal }),
    [detail.id],
  );
  const { state: changes } = useApiData(loadChanges);
  const counted =
    detail.costBasis === 'net'
      ? actuals.map((a) => ({ ...a, amountCents: String(BigInt(a.amountCents) - BigInt(a.vatCents ?? '0')) }))
      : actuals;
  const lines = compareAmountsWithPlan(
    detail.content.costPlan ?? [],
    counted,
    changes.status === 'loaded' ? changes.data.items : [],
  );
  const separator = i18n.language === 'en' ? '.' : ',';
  return (
    <TableScroller label={t('implementation.actuals.caption')}>
      <table className="kern-table kern-table--small">
        <caption className="kern-title">{t('implementation.actuals.caption')}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('implementation.actuals.line')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('implementation.actuals.planned')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('implementation.actuals.actual')}
            </th>
            <th scope="col" className="kern-table__header">
              {t('implementation.actuals.overrun')}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {lines.map((line) => (
            <tr key={`${line.cashYear}-${line.category}`} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {line.cashYear},{' '}
                {costCategories.includes(line.category as never)
                  ? t(`costCategories.${line.category as 'fees'}`)
                  : line.category}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{money(line.planned)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{money(line.actual)}</td>
              <td className="kern-table__cell">
                {line.flagged ? (
                  <Badge
                    variant="danger"
                    label={
                      line.overrunPerMille === null
                        ? t('implementation.actuals.unplanned')
                        : t('implementation.actuals.flagged', {
                            percent: perMilleText(line.overrunPerMille, separator),
                          })
                    }
                  />
                ) : line.overrunPerMille && line.overrunPerMille > 0n ? (
                  t('implementation.actuals.within', {
                    percent: perMilleText(line.overrunPerMille, separator),
                  })
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

function InterimReportForm({ applicationId, onAdded }: { applicationId: string; onAdded(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const fields = useMemo(
    () => ({ text: { id: 'sachbericht-text', label: t('implementation.interim.text') } }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const focusWhenShown = useFocusWhenShown();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    if (!text.trim()) {
      form.showFieldErrors({ text: (tr) => tr('implementation.interim.textRequired') });
      return;
    }
    setBusy(true);
    try {
      await addInterimReport(applicationId, text.trim());
      form.clear();
      setText('');
      focusWhenShown('sachbericht-bestaetigung');
      setSent(true);
      onAdded();
    } catch (error) {
      form.showApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="sachbericht-formular"
    >
      <h4 className="kern-heading-small" id="sachbericht-formular">
        {t('implementation.interim.heading')}
      </h4>
      <ErrorSummary {...form.summaryProps} />
      {sent && (
        <div id="sachbericht-bestaetigung" tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('implementation.interim.done')} role="status">
            <p className="kern-body">{t('implementation.interim.doneBody')}</p>
          </Alert>
        </div>
      )}
      <TextAreaField
        id={fields.text.id}
        label={fields.text.label}
        hint={t('implementation.interim.hint')}
        rows={8}
        value={text}
        error={form.fieldError('text')}
        onChange={setText}
      />
      <div>
        <Button type="submit" label={t('implementation.interim.submit')} disabled={busy} />
      </div>
    </form>
  );
}
