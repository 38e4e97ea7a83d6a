import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BaseRate, listBaseRates, setBaseRate } from '../../api/funds';
import { Alert } from '../../components/Alert';
import { day } from '../../components/applications/format';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { TextField } from '../../components/form/TextField';
import { useFormErrors } from '../../components/form/useFormErrors';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TableScroller } from '../../components/TableScroller';
import { useApiData } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { useMe } from '../../session/SessionContext';
import { hasRole } from '../../session/roles';
import { formatBasisPoints, parsePercentToBasisPoints } from '../../utils/basisPoints';
import { berlinToday } from '../../utils/berlinTime';
import type { Message } from '../../components/form/formErrors';

/**
 * The base-rate table (Basiszinssatz, § 247 BGB) from which the interest of repayment claims is
 * computed. It is Berlin-wide: finance staff of every district read it; only administrators add a
 * rate or correct one (the API audits the previous value).
 */
export function BaseRatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const load = useCallback((signal: AbortSignal) => listBaseRates({ signal }), []);
  const { state, reload } = useApiData(load);
  const canChange = hasRole(me, 'admin');
  const [failed, setFailed] = useState(false);

  return (
    <Page title={t('baseRates.title')} heading={t('baseRates.title')} hasErrors={failed}>
      <p className="kern-body">{t('baseRates.intro')}</p>
      {state.status === 'loading' && <Loader label={t('baseRates.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('baseRates.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && <RateTable rates={state.data.items} />}
      {canChange ? (
        <RateForm onSaved={reload} onErrors={setFailed} />
      ) : (
        <p className="kern-body">{t('baseRates.readOnly')}</p>
      )}
    </Page>
  );
}

function RateTable({ rates }: { rates: BaseRate[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (rates.length === 0) return <p className="kern-body">{t('baseRates.none')}</p>;
  const today = berlinToday();
  // The API lists oldest first; the rate in force and the newest ones matter most.
  const newestFirst = [...rates].reverse();
  const current = newestFirst.find((rate) => rate.validFrom <= today);
  return (
    <TableScroller label={t('baseRates.caption')}>
      <table className="kern-table kern-table--small">
        <caption className="kern-title">{t('baseRates.caption')}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('baseRates.validFrom')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('baseRates.rate')}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {newestFirst.map((rate) => (
            <tr key={rate.validFrom} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {day(rate.validFrom)}
                {rate === current && (
                  <span className="kern-body kern-body--small"> {t('baseRates.current')}</span>
                )}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">
                {formatBasisPoints(rate.rateBasisPoints, language)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

function RateForm({ onSaved, onErrors }: { onSaved(): void; onErrors(failed: boolean): void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [validFrom, setValidFrom] = useState('');
  const [rate, setRate] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<BaseRate | null>(null);
  const fields = useMemo(
    () => ({
      validFrom: { id: 'basiszins-gueltig-ab', label: t('baseRates.form.validFrom') },
      rateBasisPoints: { id: 'basiszins-satz', label: t('baseRates.form.rate') },
    }),
    [t],
  );
  const form = useFormErrors(fields);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const basisPoints = parsePercentToBasisPoints(rate);
    const problems: Partial<Record<keyof typeof fields, Message>> = {};
    if (!validFrom) problems.validFrom = (tr) => tr('baseRates.form.validFromRequired');
    if (!rate.trim()) problems.rateBasisPoints = (tr) => tr('baseRates.form.rateRequired');
    else if (basisPoints === null) problems.rateBasisPoints = (tr) => tr('baseRates.form.rateInvalid');
    if (Object.keys(problems).length > 0 || basisPoints === null) {
      form.showFieldErrors(problems);
      onErrors(true);
      return;
    }
    setBusy(true);
    try {
      setSaved(await setBaseRate({ validFrom, rateBasisPoints: basisPoints }));
      form.clear();
      onErrors(false);
      setValidFrom('');
      setRate('');
      onSaved();
    } catch (error) {
      form.showApiError(error);
      onErrors(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      className="form page__section"
      aria-labelledby="basiszins-formular"
      onSubmit={(event) => void submit(event)}
    >
      <h2 className="kern-heading-medium" id="basiszins-formular">
        {t('baseRates.form.heading')}
      </h2>
      <p className="kern-body">{t('baseRates.form.intro')}</p>
      <ErrorSummary {...form.summaryProps} />
      {saved && (
        <Alert variant="success" title={t('baseRates.form.savedTitle')} role="status">
          <p className="kern-body">
            {t('baseRates.form.saved', {
              rate: formatBasisPoints(saved.rateBasisPoints, language),
              validFrom: day(saved.validFrom),
            })}
          </p>
        </Alert>
      )}
      <TextField
        id={fields.validFrom.id}
        label={fields.validFrom.label}
        hint={t('baseRates.form.validFromHint')}
        type="date"
        value={validFrom}
        error={form.fieldError('validFrom')}
        onChange={setValidFrom}
      />
      <TextField
        id={fields.rateBasisPoints.id}
        label={fields.rateBasisPoints.label}
        hint={t('baseRates.form.rateHint')}
        inputMode="decimal"
        width={4}
        value={rate}
        error={form.fieldError('rateBasisPoints')}
        onChange={setRate}
      />
      <div>
        <Button type="submit" label={t('baseRates.form.submit')} disabled={busy} />
      </div>
    </form>
  );
}
