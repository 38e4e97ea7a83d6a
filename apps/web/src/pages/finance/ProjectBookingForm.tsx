import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  bookProjectMoney,
  type ProjectBooking,
  type ProjectEntryKind,
  projectEntryKinds,
  type TrackedProject,
} from '../../api/funds';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { describeError } from '../../components/form/formErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { parseGermanAmount } from '../../utils/amountInput';
import { money } from './financeShared';
import type { Message } from '../../components/form/formErrors';

/**
 * Books money of a tracked project in the fund's programme year: its commitment, a payment,
 * a repayment, or a de-commitment, each to a cash year. The ledger's rules (no more committed
 * than the budget, no more paid than committed) are checked by the server under a lock; a
 * refusal is shown with the amounts the server names.
 */
export function ProjectBookingForm({
  fundId,
  programmeYear,
  projects,
  onBooked,
}: {
  fundId: string;
  programmeYear: number;
  projects: readonly TrackedProject[];
  onBooked(): void;
}) {
  const { t } = useTranslation();
  const [projectId, setProjectId] = useState('');
  const [kind, setKind] = useState<ProjectEntryKind>('commitment');
  const [cashYear, setCashYear] = useState(String(programmeYear));
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [booked, setBooked] = useState<string | null>(null);

  const fields = useMemo(
    () => ({
      trackedProjectId: { id: 'projektbuchung-projekt', label: t('projectBooking.project') },
      kind: { id: 'projektbuchung-art', label: t('projectBooking.kind') },
      cashYear: { id: 'projektbuchung-kassenjahr', label: t('projectBooking.cashYear') },
      amountCents: { id: 'projektbuchung-betrag', label: t('projectBooking.amount') },
      grantNoticeRef: { id: 'projektbuchung-referenz', label: t('projectBooking.grantNoticeRef') },
      callOffRef: { id: 'projektbuchung-referenz', label: t('projectBooking.callOffRef') },
      reason: { id: 'projektbuchung-begruendung', label: t('projectBooking.reason') },
    }),
    [t],
  );
  const form = useFormErrors(fields, undefined, 3);
  const cashYears = [programmeYear, programmeYear + 1, programmeYear + 2, programmeYear + 3];
  const referenceField =
    kind === 'commitment' ? 'grantNoticeRef' : kind === 'disbursement' ? 'callOffRef' : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    setBooked(null);
    const cents = parseGermanAmount(amount);
    const problems: Partial<Record<keyof typeof fields, Message>> = {};
    if (!projectId) problems.trackedProjectId = (tr) => tr('projectBooking.projectRequired');
    if (!amount.trim()) problems.amountCents = (tr) => tr('fund.booking.amountRequired');
    else if (cents === null || cents === '0') problems.amountCents = (tr) => tr('fund.booking.amountInvalid');
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    const booking: ProjectBooking = {
      kind,
      programmeYear,
      cashYear: Number(cashYear),
      amountCents: cents!,
      trackedProjectId: projectId,
      ...(reason.trim() && { reason: reason.trim() }),
      ...(referenceField && reference.trim() && { [referenceField]: reference.trim() }),
    };
    setBusy(true);
    try {
      const result = await bookProjectMoney(fundId, booking);
      form.clear();
      setAmount('');
      setReference('');
      setReason('');
      const title = projects.find((p) => p.id === projectId)?.title ?? '';
      setBooked(
        t('projectBooking.done', {
          kind: t(`fund.kinds.${kind}`),
          amount: money(result.entry.amountCents),
          title,
          seq: result.entry.seq,
        }),
      );
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
    <section aria-labelledby="projektmittel-buchen">
      <h2 className="kern-heading-medium" id="projektmittel-buchen">
        {t('projectBooking.heading', { year: programmeYear })}
      </h2>
      {projects.length === 0 ? (
        <p className="kern-body">{t('projectBooking.noProjects')}</p>
      ) : (
        <>
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
              id={fields.trackedProjectId.id}
              label={fields.trackedProjectId.label}
              value={projectId}
              error={form.fieldError('trackedProjectId')}
              options={[
                { value: '', label: t('projectBooking.chooseProject') },
                ...projects.map((p) => ({ value: p.id, label: `${p.title} (${p.organisationName})` })),
              ]}
              onChange={setProjectId}
            />
            <SelectField
              id={fields.kind.id}
              label={fields.kind.label}
              value={kind}
              error={form.fieldError('kind')}
              options={projectEntryKinds.map((k) => ({ value: k, label: t(`fund.kinds.${k}`) }))}
              onChange={(value) => setKind(value as ProjectEntryKind)}
            />
            <SelectField
              id={fields.cashYear.id}
              label={fields.cashYear.label}
              hint={t('projectBooking.cashYearHint')}
              value={cashYear}
              error={form.fieldError('cashYear')}
              options={cashYears.map((y) => ({ value: String(y), label: String(y) }))}
              onChange={setCashYear}
            />
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
            {referenceField && (
              <TextField
                id={fields[referenceField].id}
                label={fields[referenceField].label}
                optional
                autoComplete="off"
                value={reference}
                error={form.fieldError(referenceField)}
                onChange={setReference}
              />
            )}
            <TextField
              id={fields.reason.id}
              label={fields.reason.label}
              optional
              value={reason}
              error={form.fieldError('reason')}
              onChange={setReason}
            />
            <Button type="submit" label={t('projectBooking.submit')} disabled={busy} />
          </form>
        </>
      )}
    </section>
  );
}
