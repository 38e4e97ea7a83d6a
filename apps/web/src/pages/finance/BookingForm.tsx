import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { bookBudget, type BudgetBooking } from '../../api/funds';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { describeError } from '../../components/form/formErrors';
import { RadioGroup } from '../../components/form/RadioGroup';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { parseGermanAmount } from '../../utils/amountInput';
import { money } from './financeShared';
import type { Message } from '../../components/form/formErrors';

type Kind = BudgetBooking['kind'];
type Direction = 'increase' | 'decrease';

/** Books a budget or a budget amendment of the fund's programme year. */
export function BookingForm({
  fundId,
  programmeYear,
  onBooked,
}: {
  fundId: string;
  programmeYear: number;
  onBooked(): void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('budget');
  const [direction, setDirection] = useState<Direction>('increase');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [booked, setBooked] = useState<string | null>(null);

  const fields = useMemo(
    () => ({
      kind: { id: 'buchung-art', label: t('fund.booking.kind') },
      direction: { id: 'buchung-richtung-increase', label: t('fund.booking.direction') },
      amountCents: { id: 'buchung-betrag', label: t('fund.booking.amount') },
      reason: { id: 'buchung-begruendung', label: t('fund.booking.reason') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    setBooked(null);
    const cents = parseGermanAmount(amount);
    const problems: Partial<Record<keyof typeof fields, Message>> = {};
    if (!amount.trim()) problems.amountCents = (tr) => tr('fund.booking.amountRequired');
    else if (cents === null || cents === '0') problems.amountCents = (tr) => tr('fund.booking.amountInvalid');
    if (kind === 'budget_amendment' && !reason.trim())
      problems.reason = (tr) => tr('fund.booking.reasonRequired');
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    const booking: BudgetBooking =
      kind === 'budget'
        ? { kind, programmeYear, amountCents: cents! }
        : { kind, programmeYear, amountCents: cents!, direction, reason: reason.trim() };
    setBusy(true);
    try {
      const result = await bookBudget(fundId, booking);
      form.clear();
      setAmount('');
      setReason('');
      setBooked(t('fund.booking.done', { amount: money(result.entry.amountCents), seq: result.entry.seq }));
      onBooked();
    } catch (error) {
      if (isApiError(error) && error.status === 422) {
        form.clear();
        setRefusal(describeError(error, t));
      } else {
        form.showApiError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="fonds-buchen">
      <h2 className="kern-heading-medium" id="fonds-buchen">
        {t('fund.booking.heading', { year: programmeYear })}
      </h2>
      <ErrorSummary {...form.summaryProps} />
      {refusal && (
        <Alert variant="danger" title={t('fund.booking.refused')} role="alert">
          <p className="kern-body">{refusal}</p>
        </Alert>
      )}
      {booked && (
        <Alert variant="success" title={t('fund.booking.doneTitle')} role="status">
          <p className="kern-body">{booked}</p>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="form">
        <SelectField
          id={fields.kind.id}
          label={fields.kind.label}
          value={kind}
          error={form.fieldError('kind')}
          options={[
            { value: 'budget', label: t('fund.kinds.budget') },
            { value: 'budget_amendment', label: t('fund.kinds.budget_amendment') },
          ]}
          onChange={(value) => setKind(value as Kind)}
        />
        {kind === 'budget_amendment' && (
          <RadioGroup
            id="buchung-richtung"
            name="richtung"
            legend={fields.direction.label}
            value={direction}
            error={form.fieldError('direction')}
            options={[
              { value: 'increase', label: t('fund.directions.increase') },
              { value: 'decrease', label: t('fund.directions.decrease') },
            ]}
            onChange={(value) => setDirection(value as Direction)}
          />
        )}
        <TextField
          id={fields.amountCents.id}
          label={fields.amountCents.label}
          hint={t('fund.booking.amountHint')}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          error={form.fieldError('amountCents')}
          onChange={setAmount}
        />
        {kind === 'budget_amendment' && (
          <TextField
            id={fields.reason.id}
            label={fields.reason.label}
            value={reason}
            error={form.fieldError('reason')}
            onChange={setReason}
          />
        )}
        <Button type="submit" label={t('fund.booking.submit')} disabled={busy} />
      </form>
    </section>
  );
}
