import { useTranslation } from 'react-i18next';
import type { ApplicationContent, ApplicationDetail } from '../../../api/applications';
import { Alert } from '../../../components/Alert';
import { money } from '../../../components/applications/format';
import { PlanBalanceTable } from '../../../components/applications/PlanBalanceTable';
import { CostPlanEditor, FinancingPlanEditor } from '../../../components/applications/PlanEditors';
import { TextAreaField } from '../../../components/applications/TextAreaField';
import { FieldError } from '../../../components/form/FieldError';
import { planBalance } from '@kiezfonds/domain';
import type { PartProps } from '../ApplicationPartPage';
import { PlanImport } from './PlanImport';

/**
 * The cash years a plan may use: from the programme year to the end of the period (at least
 * three years), and any year a row already names.
 */
export function planYears(detail: ApplicationDetail, content: ApplicationContent): number[] {
  const first = detail.call.programmeYear;
  const endYear = content.periodEnd ? Number(content.periodEnd.slice(0, 4)) : first + 2;
  const years = new Set<number>();
  for (let year = first; year <= Math.max(endYear, first + 2) && year <= first + 10; year++) years.add(year);
  for (const line of [...(content.costPlan ?? []), ...(content.financingPlan ?? [])]) {
    if (line.cashYear !== undefined) years.add(line.cashYear);
  }
  return [...years].sort((a, b) => a - b);
}

function GroupError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <FieldError id={id} message={message} /> : null;
}

export function CostPlanPart({ detail, content, change, errorOf }: PartProps) {
  const { t } = useTranslation();
  const basis = detail.costBasis;
  return (
    <>
      <p className="kern-body">{t('planEditor.costs.intro')}</p>
      <Alert variant="info" title={t(`planEditor.costs.basis.${basis}.title`)}>
        <p className="kern-body">{t(`planEditor.costs.basis.${basis}.body`)}</p>
      </Alert>
      <PlanImport detail={detail} />
      <h2 className="kern-heading-small">{t('planEditor.costs.heading')}</h2>
      <div id="kostenplan-gruppe" tabIndex={-1} className="focus-target">
        <GroupError id="kostenplan-fehler" message={errorOf('costPlan')} />
      </div>
      <CostPlanEditor
        lines={content.costPlan ?? []}
        years={planYears(detail, content)}
        errorOf={errorOf}
        amountLabel={t(`planEditor.costs.basis.${basis}.amount`)}
        onChange={(costPlan) => change((c) => ({ ...c, costPlan }))}
      />
      <PlanBalanceTable
        costPlan={content.costPlan ?? []}
        financingPlan={content.financingPlan ?? []}
        captionId="kostenplan-abgleich"
      />
    </>
  );
}

export function FinancingPlanPart({ detail, content, change, errorOf }: PartProps) {
  const { t } = useTranslation();
  const balance = planBalance(content.costPlan ?? [], content.financingPlan ?? []);
  const requested = balance.total.requested;
  const min = detail.call.minAmountCents;
  const max = detail.call.maxAmountCents;
  const outside = (min !== null && requested < BigInt(min)) || (max !== null && requested > BigInt(max));
  const senate = detail.senateAmountCents;
  return (
    <>
      <p className="kern-body">{t('planEditor.financing.intro')}</p>
      {senate && detail.planAdjustmentRequired && (
        <Alert variant="warning" title={t('planEditor.financing.senateTitle')}>
          <p className="kern-body">
            {t('planEditor.financing.senateBody', { senate: money(senate), requested: money(requested) })}
          </p>
        </Alert>
      )}
      <div id="finanzierungsplan-gruppe" tabIndex={-1} className="focus-target">
        <GroupError id="finanzierungsplan-fehler" message={errorOf('financingPlan')} />
      </div>
      <FinancingPlanEditor
        lines={content.financingPlan ?? []}
        years={planYears(detail, content)}
        costYears={[...new Set((content.costPlan ?? []).flatMap((line) => line.cashYear ?? []))].sort(
          (a, b) => a - b,
        )}
        errorOf={errorOf}
        onChange={(financingPlan) => change((c) => ({ ...c, financingPlan }))}
      />
      <PlanBalanceTable
        costPlan={content.costPlan ?? []}
        financingPlan={content.financingPlan ?? []}
        captionId="finanzierungsplan-abgleich"
      />
      <p className={outside ? 'kern-body kern-body--bold' : 'kern-body'} role="status">
        {t('planEditor.financing.requestedTotal', { amount: money(requested) })}{' '}
        {min !== null && max !== null
          ? t('planEditor.financing.limits', { min: money(min), max: money(max) })
          : min !== null
            ? t('planEditor.financing.minimum', { min: money(min) })
            : max !== null
              ? t('planEditor.financing.maximum', { max: money(max) })
              : ''}
        {outside && ` ${t('planEditor.financing.outside')}`}
      </p>
      <TextAreaField
        id="drittmittel-quellen"
        label={t('planEditor.financing.thirdPartySources')}
        hint={t('planEditor.financing.thirdPartySourcesHint')}
        optional={balance.total.thirdParty === 0n}
        rows={4}
        value={content.thirdPartySources ?? ''}
        error={errorOf('thirdPartySources')}
        onChange={(thirdPartySources) => change((c) => ({ ...c, thirdPartySources }))}
      />
    </>
  );
}
