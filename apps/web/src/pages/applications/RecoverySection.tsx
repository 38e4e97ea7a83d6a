import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ClaimState,
  issueRecoveryNotice,
  newIdempotencyKey,
  receiveRepayment,
  recoveryNoticeUrl,
  type RepaymentClaim,
  settleClaim,
  waiveClaim,
} from '../../api/applications';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AmountField } from '../../components/applications/AmountField';
import { day, money } from '../../components/applications/format';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DescriptionList } from '../../components/DescriptionList';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { useActionUntilShown } from '../../hooks/useActionUntilShown';
import { useFocusWhenShown } from '../../hooks/useFocusWhenShown';
import { berlinToday } from '../../utils/berlinTime';
import { sumCents } from '@kiezfonds/domain';
import type { Message } from '../../components/form/formErrors';

const stateVariant: Record<ClaimState, 'warning' | 'info' | 'success'> = {
  open: 'warning',
  partly_paid: 'info',
  paid: 'success',
  waived: 'success',
};

/**
 * Repayment claims (Rückforderungen) of an application: principal, interest, what was paid and
 * what is open, the notice and its PDF. Finance staff (`canRecover`) issue the recovery notice,
 * book money received, record a full repayment or waive the rest with a reason.
 */
export function RecoverySection({
  claims,
  canRecover,
  onChanged,
}: {
  claims: RepaymentClaim[];
  canRecover: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="kern-heading-small" id="rueckforderungen">
        {t('implementation.claims.heading')}
      </h3>
      <ul className="claim-list">
        {claims.map((claim, index) => (
          <li key={claim.id} className="claim-list__item">
            <ClaimCard claim={claim} number={index + 1} canRecover={canRecover} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </>
  );
}

function ClaimCard({
  claim,
  number,
  canRecover,
  onChanged,
}: {
  claim: RepaymentClaim;
  number: number;
  canRecover: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const headingId = `rueckforderung-${claim.id}`;
  const paid = sumCents(claim.entries.filter((e) => e.kind === 'payment').map((e) => e.amountCents));
  // The lines, then what is deducted for principal repaid before the day the interest runs to.
  const interestLines = [...claim.lines, ...claim.credits].flatMap((line) => line.lines);
  const active = claim.state === 'open' || claim.state === 'partly_paid';
  // Kept here, not in the form: a waiver or full repayment ends the actions, not the message.
  const [done, setDone] = useState<Done | null>(null);
  // The outcome takes the focus: a waiver or full repayment removes the form and its buttons.
  const focusWhenShown = useFocusWhenShown();
  const doneId = `${headingId}-erledigt`;
  return (
    <section className="claim" aria-labelledby={headingId}>
      <h4 className="kern-heading-small" id={headingId}>
        {t('recovery.claimHeading', {
          number,
          reason: t(`implementation.claims.reason.${claim.reason}`),
        })}
      </h4>
      <p className="kern-body">
        <Badge variant={stateVariant[claim.state]} label={t(`implementation.claims.state.${claim.state}`)} />
      </p>
      <DescriptionList
        items={[
          { key: 'principal', term: t('recovery.principal'), value: money(claim.amountCents) },
          {
            key: 'interest',
            term: t('recovery.interest', { asOf: day(claim.interestAsOf) }),
            value: claim.interestCents === null ? t('recovery.interestUnknown') : money(claim.interestCents),
          },
          { key: 'paid', term: t('recovery.paid'), value: money(paid) },
          { key: 'open', term: t('recovery.open'), value: money(claim.balance.openCents) },
          ...(claim.notice
            ? [
                {
                  key: 'notice',
                  term: t('recovery.notice'),
                  value: (
                    <>
                      {t('recovery.noticeValue', {
                        reference: claim.notice.reference,
                        dueBy: day(claim.notice.dueBy),
                      })}{' '}
                      <a className="kern-link" href={recoveryNoticeUrl(claim.id)} download>
                        {t('recovery.noticePdf', { reference: claim.notice.reference })}
                      </a>
                    </>
                  ),
                },
              ]
            : []),
          ...(claim.waiveReason
            ? [{ key: 'waiver', term: t('recovery.waiveReason'), value: claim.waiveReason }]
            : []),
        ]}
      />
      {interestLines.length > 0 && (
        <details className="kern-accordion">
          <summary className="kern-accordion__header">
            <span className="kern-title">{t('recovery.interestLines')}</span>
          </summary>
          <div className="kern-accordion__body">
            <ul className="kern-list">
              {interestLines.map((line) => (
                <li key={`${line.from}-${line.to}-${line.interestCents}`} className="kern-body">
                  {line.text}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
      {done && (
        <div id={doneId} tabIndex={-1} className="focus-target">
          <Alert variant="success" title={t('recovery.doneTitle')} role="status">
            <p className="kern-body">
              {done.kind === 'notice'
                ? t('recovery.noticeDone', { reference: done.reference, total: money(done.total) })
                : t('recovery.bookedDone', { state: t(`implementation.claims.state.${done.state}`) })}
            </p>
          </Alert>
        </div>
      )}
      {canRecover && active && (
        <ClaimActions
          claim={claim}
          number={number}
          onDone={(outcome) => {
            focusWhenShown(doneId);
            setDone(outcome);
            onChanged();
          }}
          onOpen={() => setDone(null)}
        />
      )}
    </section>
  );
}

type Mode = 'none' | 'notice' | 'payment' | 'settle' | 'waiver';

type Done = { kind: 'notice'; reference: string; total: string } | { kind: 'booked'; state: ClaimState };

/**
 * One form at a time, each with its own Idempotency-Key made when it opens: a double click or a
 * retry after a lost answer books once. A definite refusal (4xx) ends the key, as the corrected
 * request is another request.
 */
function ClaimActions({
  claim,
  number,
  onDone,
  onOpen,
}: {
  claim: RepaymentClaim;
  number: number;
  onDone(outcome: Done): void;
  onOpen(): void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('none');
  const [dueBy, setDueBy] = useState('');
  const [amount, setAmount] = useState<string | null>('');
  const [receivedOn, setReceivedOn] = useState(berlinToday());
  const [repaidOn, setRepaidOn] = useState(berlinToday());
  const [reason, setReason] = useState('');
  const key = useRef<string | null>(null);
  // A booking keeps the claim's actions disabled until the reloaded list shows it: pressed again
  // before, the same booking would go out under a new key.
  const booking = useActionUntilShown(claim);
  const prefix = `forderung-${claim.id}`;
  const fields = useMemo(
    () => ({
      dueBy: { id: `${prefix}-faellig`, label: t('recovery.dueBy') },
      amountCents: { id: `${prefix}-betrag`, label: t('recovery.amount') },
      receivedOn: { id: `${prefix}-eingang`, label: t('recovery.receivedOn') },
      repaidOn: { id: `${prefix}-erstattet`, label: t('recovery.repaidOn') },
      reason: { id: `${prefix}-grund`, label: t('recovery.reason') },
    }),
    [prefix, t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const focusWhenShown = useFocusWhenShown();
  const firstField: Record<Exclude<Mode, 'none'>, string> = {
    notice: fields.dueBy.id,
    payment: fields.amountCents.id,
    settle: fields.repaidOn.id,
    waiver: fields.reason.id,
  };
  const opener = (of: Mode) => `${prefix}-aktion-${of}`;

  function open(next: Exclude<Mode, 'none'>) {
    key.current = newIdempotencyKey();
    form.clear();
    onOpen();
    focusWhenShown(firstField[next]);
    setMode(next);
  }

  function cancel() {
    focusWhenShown(opener(mode));
    setMode('none');
  }

  function problems(): Partial<Record<keyof typeof fields, Message>> {
    if (mode === 'notice' && !dueBy) return { dueBy: (tr) => tr('recovery.dueByRequired') };
    if (mode === 'payment') {
      const missing: Partial<Record<keyof typeof fields, Message>> = {};
      if (!amount || amount === '0') missing.amountCents = (tr) => tr('recovery.amountRequired');
      if (!receivedOn) missing.receivedOn = (tr) => tr('recovery.dateRequired');
      return missing;
    }
    if (mode === 'settle' && !repaidOn) return { repaidOn: (tr) => tr('recovery.dateRequired') };
    if (mode === 'waiver' && !reason.trim()) return { reason: (tr) => tr('recovery.reasonRequired') };
    return {};
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = problems();
    if (Object.keys(missing).length > 0) {
      form.showFieldErrors(missing);
      return;
    }
    const once = (key.current ??= newIdempotencyKey());
    try {
      const outcome = await booking.run(async (): Promise<Done> => {
        if (mode === 'notice') {
          const notice = await issueRecoveryNotice(claim.id, dueBy, once);
          return { kind: 'notice', reference: notice.reference, total: notice.totalCents };
        }
        const booked =
          mode === 'payment'
            ? await receiveRepayment(claim.id, { amountCents: amount ?? '0', receivedOn }, once)
            : mode === 'settle'
              ? await settleClaim(claim.id, repaidOn, once)
              : await waiveClaim(claim.id, reason.trim(), once);
        return { kind: 'booked', state: booked.state };
      });
      key.current = null;
      form.clear();
      setMode('none');
      setAmount('');
      setReason('');
      onDone(outcome);
    } catch (error) {
      if (isApiError(error) && error.status >= 400 && error.status < 500) key.current = null;
      form.showApiError(error, { payment_exceeds_claim: 'amountCents', recovery_notice_issued: 'dueBy' });
    }
  }

  if (mode === 'none') {
    return (
      <div className="claim__actions">
        <div className="page__actions">
          {!claim.notice && claim.state === 'open' && (
            <Button
              variant="secondary"
              label={t('recovery.actions.notice')}
              aria-label={t('recovery.actions.noticeNumbered', { number })}
              id={opener('notice')}
              disabled={booking.pending}
              onClick={() => open('notice')}
            />
          )}
          <Button
            variant="secondary"
            label={t('recovery.actions.payment')}
            aria-label={t('recovery.actions.paymentNumbered', { number })}
            id={opener('payment')}
            disabled={booking.pending}
            onClick={() => open('payment')}
          />
          <Button
            variant="secondary"
            label={t('recovery.actions.settle')}
            aria-label={t('recovery.actions.settleNumbered', { number })}
            id={opener('settle')}
            disabled={booking.pending}
            onClick={() => open('settle')}
          />
          <Button
            variant="tertiary"
            label={t('recovery.actions.waiver')}
            aria-label={t('recovery.actions.waiverNumbered', { number })}
            id={opener('waiver')}
            disabled={booking.pending}
            onClick={() => open('waiver')}
          />
        </div>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="form claim__form"
      aria-label={t(`recovery.forms.${mode}`, { number })}
      onSubmit={(event) => void submit(event)}
    >
      <p className="kern-body kern-body--bold">{t(`recovery.forms.${mode}`, { number })}</p>
      <p className="kern-body">{t(`recovery.hints.${mode}`)}</p>
      <ErrorSummary {...form.summaryProps} />
      {mode === 'notice' && (
        <TextField
          id={fields.dueBy.id}
          label={fields.dueBy.label}
          hint={t('recovery.dueByHint')}
          type="date"
          value={dueBy}
          error={form.fieldError('dueBy')}
          onChange={setDueBy}
        />
      )}
      {mode === 'payment' && (
        <>
          <AmountField
            id={fields.amountCents.id}
            label={fields.amountCents.label}
            hint={t('recovery.amountHint', { open: money(claim.balance.openCents) })}
            cents={amount ?? ''}
            error={form.fieldError('amountCents')}
            onChange={setAmount}
          />
          <TextField
            id={fields.receivedOn.id}
            label={fields.receivedOn.label}
            type="date"
            value={receivedOn}
            error={form.fieldError('receivedOn')}
            onChange={setReceivedOn}
          />
        </>
      )}
      {mode === 'settle' && (
        <TextField
          id={fields.repaidOn.id}
          label={fields.repaidOn.label}
          type="date"
          value={repaidOn}
          error={form.fieldError('repaidOn')}
          onChange={setRepaidOn}
        />
      )}
      {mode === 'waiver' && (
        <TextAreaField
          id={fields.reason.id}
          label={fields.reason.label}
          hint={t('recovery.reasonHint')}
          rows={3}
          value={reason}
          error={form.fieldError('reason')}
          onChange={setReason}
        />
      )}
      <div className="page__actions">
        <Button type="submit" label={t(`recovery.submit.${mode}`)} disabled={booking.pending} />
        <Button variant="secondary" label={t('common.cancel')} onClick={cancel} />
      </div>
    </form>
  );
}
