import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ApplicationDetail,
  type ApplicationEventType,
  type EventPayload,
  newIdempotencyKey,
  sendEvent,
  type Transition,
} from '../../api/applications';
import { AmountField } from '../../components/applications/AmountField';
import { money } from '../../components/applications/format';
import { TextAreaField } from '../../components/applications/TextAreaField';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import type { FieldSpec } from '../../components/form/formErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { useFocusWhenShown } from '../../hooks/useFocusWhenShown';
import { addDays, berlinToday, endOfBerlinDay, isCalendarDay } from '../../utils/berlinTime';
import { planBalance, sumCents } from '@kiezfonds/domain';
import type { Message } from '../../components/form/formErrors';

/** Events carriers send on their own pages; staff never get a form for them here. */
const carrierEvents: readonly ApplicationEventType[] = ['SUBMIT', 'SUBMIT_FINAL_REPORT'];
/** Events that end or undo something: shown apart, as secondary buttons. */
const negativeEvents: readonly ApplicationEventType[] = [
  'REJECT',
  'REVOKE',
  'WITHDRAW',
  'REQUEST_CHANGES',
  'RETURN_FINAL_REPORT',
  'WAITLIST',
];

type Deadline = { kind: 'interim' | 'final'; due: string };

/**
 * The lifecycle steps the API allows the caller now (`allowedEvents`), each with the form for
 * its payload. One Idempotency-Key per opened form, so a double click makes one transition.
 */
export function EventActions({
  detail,
  formalCheckComplete,
  onTransition,
}: {
  detail: ApplicationDetail;
  /** Every item of the formal check ticked; passing the check needs it. */
  formalCheckComplete: boolean;
  onTransition(transition: Transition): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ApplicationEventType | null>(null);
  // Cancelling returns to the step's button; after a step the page's outcome takes the focus.
  const focusWhenShown = useFocusWhenShown();
  const buttonId = (event: ApplicationEventType) => `ereignis-aktion-${event}`;
  const events = detail.allowedEvents.filter((event) => !carrierEvents.includes(event));
  if (events.length === 0) return <p className="kern-body">{t('eventForms.none')}</p>;
  const positive = events.filter((e) => !negativeEvents.includes(e));
  const negative = events.filter((e) => negativeEvents.includes(e));
  return (
    <div className="event-actions">
      <div className="page__actions">
        {[...positive, ...negative].map((event) => (
          <Button
            key={event}
            id={buttonId(event)}
            variant={negativeEvents.includes(event) ? 'secondary' : 'primary'}
            label={t(`applicationEvents.${event}`)}
            aria-expanded={open === event}
            aria-controls={open === event ? 'ereignis-formular' : undefined}
            onClick={() => setOpen(open === event ? null : event)}
          />
        ))}
      </div>
      {open && (
        <EventForm
          key={open}
          type={open}
          detail={detail}
          formalCheckComplete={formalCheckComplete}
          onCancel={() => {
            focusWhenShown(buttonId(open));
            setOpen(null);
          }}
          onDone={(transition) => {
            setOpen(null);
            onTransition(transition);
          }}
        />
      )}
    </div>
  );
}

function defaultFinalReportDue(detail: ApplicationDetail): string {
  // ANBest-P: the proof of use is due six months after the end of the period.
  const end = detail.content.periodEnd;
  return end && isCalendarDay(end) ? addDays(end, 182) : addDays(berlinToday(), 365);
}

function EventForm({
  type,
  detail,
  formalCheckComplete,
  onCancel,
  onDone,
}: {
  type: ApplicationEventType;
  detail: ApplicationDetail;
  formalCheckComplete: boolean;
  onCancel(): void;
  onDone(transition: Transition): void;
}) {
  const { t } = useTranslation();
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [replyDay, setReplyDay] = useState(addDays(berlinToday(), 14));
  const [amount, setAmount] = useState<string | null>(detail.totals.requestedCents);
  const plan = planBalance(detail.content.costPlan ?? [], detail.content.financingPlan ?? []);
  const [instalments, setInstalments] = useState(() =>
    plan.years
      .filter((year) => year.requested > 0n)
      .map((year) => ({ cashYear: year.cashYear, amountCents: year.requested.toString() as string | null })),
  );
  const [deadlines, setDeadlines] = useState<Deadline[]>(() => [
    { kind: 'final', due: defaultFinalReportDue(detail) },
  ]);
  const [confirmed, setConfirmed] = useState(false);

  const needsText = ['REQUEST_CHANGES', 'RETURN_FINAL_REPORT', 'REJECT', 'REVOKE'].includes(type);
  const textField =
    type === 'REQUEST_CHANGES' || type === 'RETURN_FINAL_REPORT'
      ? 'message'
      : ['REJECT', 'REVOKE', 'WITHDRAW'].includes(type)
        ? 'reason'
        : type === 'APPROVE'
          ? 'conditions'
          : 'comment';
  const hasText = textField !== 'comment' || ['PASS_FORMAL_CHECK', 'SELECT', 'WAITLIST'].includes(type);

  const fields = useMemo(() => {
    const specs: Record<string, FieldSpec> = {
      [textField]: { id: 'ereignis-text', label: t(`eventForms.fields.${textField}`) },
      replyDeadline: { id: 'ereignis-frist', label: t('eventForms.fields.replyDeadline') },
      amountCents: { id: 'ereignis-betrag', label: t('eventForms.fields.senateAmount') },
      instalments: { id: 'ereignis-rate-0', label: t('eventForms.fields.instalments') },
      reportDeadlines: { id: 'ereignis-bericht-0-due', label: t('eventForms.fields.reportDeadlines') },
      // Passing the formal check is confirmed in the checklist above the buttons.
      confirmed: {
        id: type === 'PASS_FORMAL_CHECK' ? 'formalpruefung' : 'ereignis-bestaetigt',
        label: type === 'PASS_FORMAL_CHECK' ? t('formalCheck.heading') : t('eventForms.fields.confirmed'),
      },
    };
    instalments.forEach((row, index) => {
      specs[`instalments.${index}.amountCents`] = {
        id: `ereignis-rate-${index}`,
        label: t('eventForms.instalmentOf', { year: row.cashYear }),
      };
    });
    deadlines.forEach((_, index) => {
      specs[`reportDeadlines.${index}.due`] = {
        id: `ereignis-bericht-${index}-due`,
        label: t('eventForms.deadlineNumber', { number: index + 1 }),
      };
    });
    return specs;
  }, [t, textField, type, instalments, deadlines]);
  const form = useFormErrors(fields, undefined, 3);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, Message> = {};
    if (needsText && !text.trim()) problems[textField] = (tr) => tr('eventForms.textRequired');
    if (type === 'REQUEST_CHANGES' && (!isCalendarDay(replyDay) || replyDay <= berlinToday()))
      problems.replyDeadline = (tr) => tr('eventForms.replyDeadlineFuture');
    if (type === 'RECORD_SENATE_SELECTION' && (!amount || amount === '0'))
      problems.amountCents = (tr) => tr('eventForms.amountRequired');
    if (type === 'APPROVE') {
      instalments.forEach((row, index) => {
        if (!row.amountCents)
          problems[`instalments.${index}.amountCents`] = (tr) => tr('eventForms.amountRequired');
      });
      deadlines.forEach((row, index) => {
        if (!isCalendarDay(row.due))
          problems[`reportDeadlines.${index}.due`] = (tr) => tr('eventForms.dueRequired');
      });
      if (!deadlines.some((row) => row.kind === 'final'))
        problems.reportDeadlines = (tr) => tr('eventForms.finalRequired');
    }
    if (type === 'PASS_FORMAL_CHECK' && !formalCheckComplete)
      problems.confirmed = (tr) => tr('eventForms.checklistIncomplete');
    if (['APPROVE', 'REVOKE', 'COMPLETE'].includes(type) && !confirmed)
      problems.confirmed = (tr) => tr('eventForms.confirmRequired');
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    const payload: EventPayload = {};
    if (hasText && text.trim()) payload[textField] = text.trim();
    if (type === 'REQUEST_CHANGES') payload.replyDeadline = endOfBerlinDay(replyDay);
    if (type === 'RECORD_SENATE_SELECTION') payload.amountCents = amount!;
    if (type === 'APPROVE') {
      payload.instalments = instalments.map((row) => ({
        cashYear: row.cashYear,
        amountCents: row.amountCents!,
      }));
      payload.reportDeadlines = deadlines;
    }
    setBusy(true);
    try {
      onDone(await sendEvent(detail.id, { type, version: detail.version, ...payload }, key.current));
    } catch (error) {
      // Refused: nothing happened, so the next attempt is a new request.
      key.current = newIdempotencyKey();
      form.showApiError(error, { version_conflict: textField, event_not_allowed: textField });
      setBusy(false);
    }
  }

  const instalmentSum = sumCents(instalments.map((row) => row.amountCents));
  return (
    <form
      noValidate
      className="form event-form"
      id="ereignis-formular"
      aria-labelledby="ereignis-ueberschrift"
      onSubmit={(event) => void submit(event)}
    >
      <h3 className="kern-heading-small" id="ereignis-ueberschrift">
        {t(`applicationEvents.${type}`)}
      </h3>
      <p className="kern-body">{t(`eventForms.intro.${type}`)}</p>
      <ErrorSummary {...form.summaryProps} />
      {type === 'RECORD_SENATE_SELECTION' && (
        <AmountField
          id="ereignis-betrag"
          label={t('eventForms.fields.senateAmount')}
          hint={t('eventForms.senateAmountHint', { requested: money(detail.totals.requestedCents) })}
          cents={amount ?? ''}
          error={form.fieldError('amountCents')}
          onChange={setAmount}
        />
      )}
      {type === 'APPROVE' && (
        <>
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('eventForms.fields.instalments')}</legend>
            <div className="kern-hint">{t('eventForms.instalmentsHint')}</div>
            <div className="kern-fieldset__body">
              {instalments.map((row, index) => (
                <AmountField
                  key={row.cashYear}
                  id={`ereignis-rate-${index}`}
                  label={t('eventForms.instalmentOf', { year: row.cashYear })}
                  cents={row.amountCents ?? ''}
                  error={form.fieldError(`instalments.${index}.amountCents`)}
                  onChange={(cents) =>
                    setInstalments((rows) =>
                      rows.map((r, i) => (i === index ? { ...r, amountCents: cents } : r)),
                    )
                  }
                />
              ))}
            </div>
            <p className="kern-body kern-body--bold" role="status">
              {t('eventForms.instalmentSum', {
                sum: money(instalmentSum),
                requested: money(detail.totals.requestedCents),
              })}
            </p>
          </fieldset>
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('eventForms.fields.reportDeadlines')}</legend>
            <div className="kern-hint">{t('eventForms.reportDeadlinesHint')}</div>
            <ol className="plan-editor__rows">
              {deadlines.map((row, index) => (
                <li key={index} className="report-deadline">
                  <SelectField
                    id={`ereignis-bericht-${index}-kind`}
                    label={t('eventForms.deadlineKind', { number: index + 1 })}
                    value={row.kind}
                    options={[
                      { value: 'interim', label: t('implementation.reports.kind.interim') },
                      { value: 'final', label: t('implementation.reports.kind.final') },
                    ]}
                    onChange={(kind) =>
                      setDeadlines((rows) =>
                        rows.map((r, i) => (i === index ? { ...r, kind: kind as Deadline['kind'] } : r)),
                      )
                    }
                  />
                  <TextField
                    id={`ereignis-bericht-${index}-due`}
                    type="date"
                    label={t('eventForms.deadlineNumber', { number: index + 1 })}
                    value={row.due}
                    error={form.fieldError(`reportDeadlines.${index}.due`)}
                    onChange={(due) =>
                      setDeadlines((rows) => rows.map((r, i) => (i === index ? { ...r, due } : r)))
                    }
                  />
                  {deadlines.length > 1 && (
                    <Button
                      variant="tertiary"
                      icon="delete"
                      label={t('eventForms.removeDeadline', { number: index + 1 })}
                      onClick={() => setDeadlines((rows) => rows.filter((_, i) => i !== index))}
                    />
                  )}
                </li>
              ))}
            </ol>
            <div>
              <Button
                variant="secondary"
                icon="add"
                label={t('eventForms.addDeadline')}
                onClick={() =>
                  setDeadlines((rows) => [{ kind: 'interim', due: addDays(berlinToday(), 365) }, ...rows])
                }
              />
            </div>
          </fieldset>
        </>
      )}
      {type === 'REQUEST_CHANGES' && (
        <TextField
          id="ereignis-frist"
          type="date"
          label={t('eventForms.fields.replyDeadline')}
          hint={t('eventForms.replyDeadlineHint')}
          min={addDays(berlinToday(), 1)}
          value={replyDay}
          error={form.fieldError('replyDeadline')}
          onChange={setReplyDay}
        />
      )}
      {hasText && (
        <TextAreaField
          id="ereignis-text"
          label={t(`eventForms.fields.${textField}`)}
          hint={t(`eventForms.hints.${textField}`)}
          optional={!needsText}
          rows={textField === 'comment' ? 3 : 6}
          value={text}
          error={form.fieldError(textField)}
          onChange={setText}
        />
      )}
      {['APPROVE', 'REVOKE', 'COMPLETE'].includes(type) && (
        <div
          className={
            form.fieldError('confirmed') ? 'kern-form-input kern-form-input--error' : 'kern-form-input'
          }
        >
          <CheckboxField
            id="ereignis-bestaetigt"
            label={t(`eventForms.confirm.${type as 'APPROVE'}`)}
            checked={confirmed}
            onChange={setConfirmed}
          />
        </div>
      )}
      <div className="page__actions">
        <Button
          type="submit"
          label={t('eventForms.send', { action: t(`applicationEvents.${type}`) })}
          disabled={busy}
        />
        <Button variant="secondary" label={t('common.cancel')} onClick={onCancel} />
      </div>
    </form>
  );
}
