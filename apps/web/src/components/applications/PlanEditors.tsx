import { useTranslation } from 'react-i18next';
import { type CostCategory, costCategories, type CostLine, type FinancingLine } from '../../api/applications';
import { costsByCategory, sumCents } from '@kiezfonds/domain';
import { Button } from '../Button';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { AmountField } from './AmountField';
import { money } from './format';
import { useRowKeys } from './useRowKeys';

/**
 * A stored draft line may lack its cash year or category (the server keeps half-typed rows): the
 * select then reads "please choose" rather than showing a first option that was never saved.
 */
function withChoice(
  options: { value: string; label: string }[],
  value: string | number | undefined,
  label: string,
): { value: string; label: string }[] {
  return value === undefined ? [{ value: '', label }, ...options] : options;
}

const yearOf = (value: string) => (value === '' ? undefined : Number(value));

/** Field ids of the plan rows, shared with the error summary (`costPlan.0.amountCents` → this id). */
export function costFieldId(index: number, field: keyof CostLine): string {
  return `kostenplan-${index}-${field}`;
}

export function financingFieldId(index: number, field: keyof FinancingLine): string {
  return `finanzierungsplan-${index}-${field}`;
}

type ErrorOf = (path: string) => string | undefined;

/**
 * The cost plan: one group of fields per cost item (cash year, category, description, amount),
 * with the sums per cash year and per category below it.
 */
export function CostPlanEditor({
  lines,
  years,
  onChange,
  errorOf,
  amountLabel,
}: {
  lines: CostLine[];
  years: number[];
  onChange(lines: CostLine[]): void;
  errorOf: ErrorOf;
  /** The amount's label, e.g. saying whether the amounts are net or gross of VAT. */
  amountLabel?: string;
}) {
  const { t } = useTranslation();
  const rows = useRowKeys(lines.length);
  const set = (index: number, change: Partial<CostLine>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...change } : line)));
  const yearOptions = years.map((year) => ({ value: String(year), label: String(year) }));
  const categoryOptions = costCategories.map((category) => ({
    value: category,
    label: t(`costCategories.${category}`),
  }));
  const byCategory = costsByCategory(lines);

  return (
    <div className="plan-editor">
      {lines.length === 0 && <p className="kern-body">{t('planEditor.costs.empty')}</p>}
      <ol className="plan-editor__rows">
        {lines.map((line, index) => {
          const number = index + 1;
          return (
            <li key={rows.keys[index]} className="plan-editor__row">
              <fieldset className="kern-fieldset">
                <legend className="kern-label kern-label--large">
                  {t('planEditor.costs.row', { number })}
                </legend>
                <div className="kern-fieldset__body plan-editor__fields">
                  <SelectField
                    id={costFieldId(index, 'cashYear')}
                    label={t('planEditor.cashYear')}
                    value={line.cashYear === undefined ? '' : String(line.cashYear)}
                    options={withChoice(yearOptions, line.cashYear, t('planEditor.choose'))}
                    error={errorOf(`costPlan.${index}.cashYear`)}
                    onChange={(value) => set(index, { cashYear: yearOf(value) })}
                  />
                  <SelectField
                    id={costFieldId(index, 'category')}
                    label={t('planEditor.costs.category')}
                    value={line.category ?? ''}
                    options={withChoice(categoryOptions, line.category, t('planEditor.choose'))}
                    error={errorOf(`costPlan.${index}.category`)}
                    onChange={(value) =>
                      set(index, { category: value === '' ? undefined : (value as CostCategory) })
                    }
                  />
                  <TextField
                    id={costFieldId(index, 'description')}
                    label={t('planEditor.costs.description')}
                    hint={t('planEditor.costs.descriptionHint')}
                    value={line.description ?? ''}
                    error={errorOf(`costPlan.${index}.description`)}
                    onChange={(description) => set(index, { description })}
                  />
                  <AmountField
                    id={costFieldId(index, 'amountCents')}
                    label={amountLabel ?? t('planEditor.amount')}
                    hint={t('applicationForm.amountHint')}
                    cents={line.amountCents}
                    error={errorOf(`costPlan.${index}.amountCents`)}
                    onChange={(cents) => set(index, { amountCents: cents ?? '' })}
                  />
                </div>
                <div>
                  <Button
                    variant="tertiary"
                    icon="delete"
                    label={t('planEditor.costs.remove', { number })}
                    onClick={() => {
                      rows.removed(index);
                      onChange(lines.filter((_, i) => i !== index));
                    }}
                  />
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div>
        <Button
          variant="secondary"
          icon="add"
          label={t('planEditor.costs.add')}
          onClick={() => {
            rows.added();
            const last = lines[lines.length - 1];
            onChange([
              ...lines,
              {
                cashYear: last?.cashYear ?? years[0]!,
                category: 'personnel',
                description: '',
                amountCents: '',
              },
            ]);
          }}
        />
      </div>
      {lines.length > 0 && (
        <div className="kern-table-responsive table-wrapper">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">{t('planEditor.costs.byCategory')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('planEditor.costs.category')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('planEditor.amount')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {costCategories
                .filter((category) => byCategory.has(category))
                .map((category) => (
                  <tr key={category} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      {t(`costCategories.${category}`)}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {money(byCategory.get(category))}
                    </td>
                  </tr>
                ))}
            </tbody>
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {t('planEditor.balance.total')}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {money(sumCents(lines.map((line) => line.amountCents)))}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}

/** The financing plan: per cash year the requested funding, the own contribution and third-party money. */
export function FinancingPlanEditor({
  lines,
  years,
  costYears,
  onChange,
  errorOf,
}: {
  lines: FinancingLine[];
  years: number[];
  /** Cash years the cost plan uses, offered as rows in one step. */
  costYears: number[];
  onChange(lines: FinancingLine[]): void;
  errorOf: ErrorOf;
}) {
  const { t } = useTranslation();
  const rows = useRowKeys(lines.length);
  const set = (index: number, change: Partial<FinancingLine>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...change } : line)));
  const yearOptions = years.map((year) => ({ value: String(year), label: String(year) }));
  const missingYears = costYears.filter((year) => !lines.some((line) => line.cashYear === year));
  const amountFields = ['requestedCents', 'ownCents', 'thirdPartyCents'] as const;
  const labels = { requestedCents: 'requested', ownCents: 'own', thirdPartyCents: 'thirdParty' } as const;

  return (
    <div className="plan-editor">
      {lines.length === 0 && <p className="kern-body">{t('planEditor.financing.empty')}</p>}
      <ol className="plan-editor__rows">
        {lines.map((line, index) => (
          <li key={rows.keys[index]} className="plan-editor__row">
            <fieldset className="kern-fieldset">
              <legend className="kern-label kern-label--large">
                {t('planEditor.financing.row', { year: line.cashYear })}
              </legend>
              <div className="kern-fieldset__body plan-editor__fields">
                <SelectField
                  id={financingFieldId(index, 'cashYear')}
                  label={t('planEditor.cashYear')}
                  value={line.cashYear === undefined ? '' : String(line.cashYear)}
                  options={withChoice(yearOptions, line.cashYear, t('planEditor.choose'))}
                  error={errorOf(`financingPlan.${index}.cashYear`)}
                  onChange={(value) => set(index, { cashYear: yearOf(value) })}
                />
                {amountFields.map((field) => (
                  <AmountField
                    key={field}
                    id={financingFieldId(index, field)}
                    label={t(`planEditor.balance.${labels[field]}`)}
                    hint={field === 'requestedCents' ? t('planEditor.financing.requestedHint') : undefined}
                    cents={line[field]}
                    error={errorOf(`financingPlan.${index}.${field}`)}
                    onChange={(cents) => set(index, { [field]: cents ?? '' })}
                  />
                ))}
              </div>
              <div>
                <Button
                  variant="tertiary"
                  icon="delete"
                  label={t('planEditor.financing.remove', { year: line.cashYear })}
                  onClick={() => {
                    rows.removed(index);
                    onChange(lines.filter((_, i) => i !== index));
                  }}
                />
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="page__actions">
        {missingYears.length > 0 && (
          <Button
            variant="secondary"
            icon="add"
            label={t('planEditor.financing.addCostYears', { years: missingYears.join(', ') })}
            onClick={() => {
              missingYears.forEach(() => rows.added());
              onChange([
                ...lines,
                ...missingYears.map((cashYear) => ({
                  cashYear,
                  requestedCents: '',
                  ownCents: '',
                  thirdPartyCents: '',
                })),
              ]);
            }}
          />
        )}
        <Button
          variant="secondary"
          icon="add"
          label={t('planEditor.financing.add')}
          onClick={() => {
            rows.added();
            const next = years.find((year) => !lines.some((line) => line.cashYear === year)) ?? years[0]!;
            onChange([...lines, { cashYear: next, requestedCents: '', ownCents: '', thirdPartyCents: '' }]);
          }}
        />
      </div>
    </div>
  );
}
