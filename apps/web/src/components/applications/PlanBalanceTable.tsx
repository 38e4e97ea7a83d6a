import { TableScroller } from '../TableScroller';
import { useTranslation } from 'react-i18next';
import type { CostLine, FinancingLine } from '../../api/applications';
import { planBalance } from '@kiezfonds/domain';
import { Badge } from '../Badge';
import { money } from './format';

/**
 * Costs against financing (requested + own + third-party) per cash year and overall, recomputed
 * on every keystroke. The line under the table says in words whether the plan adds up; it is a
 * live region, so screen-reader users hear the result of their change.
 */
export function PlanBalanceTable({
  costPlan,
  financingPlan,
  captionId,
}: {
  costPlan: readonly CostLine[];
  financingPlan: readonly FinancingLine[];
  captionId: string;
}) {
  const { t } = useTranslation();
  const balance = planBalance(costPlan, financingPlan);
  const unbalanced = balance.years.filter((year) => year.gap !== 0n);
  let verdict: string;
  if (balance.years.length === 0) verdict = t('planEditor.balance.empty');
  else if (balance.total.costs === 0n && unbalanced.length === 0) verdict = t('planEditor.balance.noCosts');
  else if (balance.balanced) verdict = t('planEditor.balance.balanced');
  else
    verdict = t('planEditor.balance.unbalanced', {
      years: unbalanced
        .map((year) =>
          year.gap > 0n
            ? t('planEditor.balance.missingIn', { year: year.cashYear, amount: money(year.gap) })
            : t('planEditor.balance.surplusIn', { year: year.cashYear, amount: money(-year.gap) }),
        )
        .join('; '),
    });

  return (
    <div className="plan-balance">
      <TableScroller label={t('planEditor.balance.caption')}>
        <table className="kern-table kern-table--small" aria-describedby={`${captionId}-verdict`}>
          <caption className="kern-title" id={captionId}>
            {t('planEditor.balance.caption')}
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                {t('planEditor.cashYear')}
              </th>
              {(['costs', 'requested', 'own', 'thirdParty', 'financing'] as const).map((column) => (
                <th key={column} scope="col" className="kern-table__header kern-table__header--numeric">
                  {t(`planEditor.balance.${column}`)}
                </th>
              ))}
              <th scope="col" className="kern-table__header">
                {t('planEditor.balance.result')}
              </th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {balance.years.map((year) => (
              <tr key={year.cashYear} className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {year.cashYear}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{money(year.costs)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(year.requested)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(year.own)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(year.thirdParty)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(year.financing)}</td>
                <td className="kern-table__cell">
                  {year.costs === 0n && year.financing === 0n ? (
                    <Badge variant="info" label={t('planEditor.balance.noAmounts')} />
                  ) : year.gap === 0n ? (
                    <Badge variant="success" label={t('planEditor.balance.ok')} />
                  ) : (
                    <Badge
                      variant="warning"
                      label={
                        year.gap > 0n
                          ? t('planEditor.balance.missing', { amount: money(year.gap) })
                          : t('planEditor.balance.surplus', { amount: money(-year.gap) })
                      }
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          {balance.years.length > 0 && (
            <tfoot className="kern-table__footer">
              <tr className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {t('planEditor.balance.total')}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{money(balance.total.costs)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {money(balance.total.requested)}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{money(balance.total.own)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {money(balance.total.thirdParty)}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {money(balance.total.financing)}
                </td>
                <td className="kern-table__cell">
                  {balance.total.costs === 0n && balance.total.financing === 0n
                    ? t('planEditor.balance.noAmounts')
                    : balance.total.gap === 0n
                      ? t('planEditor.balance.ok')
                      : money(balance.total.gap)}
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      </TableScroller>
      <p className="kern-body kern-body--bold" id={`${captionId}-verdict`} role="status">
        {verdict}
      </p>
    </div>
  );
}
