import type { TFunction } from 'i18next';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type AreaDetail, type AreaRef, getArea, type MoneyLine, setAreaCovers } from '../../api/areas';
import { listDistrictAreas } from '../../api/applications';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/form/CheckboxField';
import { useMe } from '../../session/SessionContext';
import { districtsWhere } from '../../session/roles';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { TableScroller } from '../../components/TableScroller';
import { TextLink } from '../../components/TextLink';
import { useApiData } from '../../hooks/useApiData';
import { currentLanguage } from '../../i18n';
import { paths } from '../../paths';
import { money } from '../finance/financeShared';
import { areaKindLabel, formatIndicator, fundKindLabel, indicatorLabel } from './areaFormat';
import { areaPath } from './AreasPage';

/** „Gebiet“: one area's place in the grid, its indicators by year and, beside them, its money. */
export function AreaPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => getArea(id, { signal }), [id]);
  const { state, reload, replace } = useApiData(load);
  const heading = state.status === 'loaded' ? state.data.name : t('areas.area');
  return (
    <Page title={heading} heading={heading}>
      <p className="kern-body">
        <TextLink to={paths.areas}>{t('areas.backToList')}</TextLink>
      </p>
      {state.status === 'loading' && <Loader label={t('areas.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('areas.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && <AreaDetails area={state.data} onChanged={replace} />}
    </Page>
  );
}

function refs(list: AreaRef[], t: TFunction) {
  return (
    <ul className="kern-list">
      {list.map((a) => (
        <li key={a.id}>
          <TextLink to={areaPath(a.id)}>{a.name}</TextLink> ({areaKindLabel(a.kind, t)}
          {a.code ? ` ${a.code}` : ''})
        </li>
      ))}
    </ul>
  );
}

function AreaDetails({ area, onChanged }: { area: AreaDetail; onChanged(area: AreaDetail): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const canSetCovers =
    (area.kind === 'qm_area' || area.kind === 'aktionsraum') &&
    districtsWhere(me, 'coordinator', 'admin').includes(area.districtId);
  const language = currentLanguage();
  const hasSamples = area.indicators.some((i) => i.sample);
  return (
    <div className="area-page">
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('areas.district')}</dt>
          <dd className="kern-description-list-item__value">{area.districtName}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t('areas.kind')}</dt>
          <dd className="kern-description-list-item__value">
            {areaKindLabel(area.kind, t)}
            {area.code ? ` ${area.code}` : ''}
          </dd>
        </div>
      </dl>
      {area.ancestors.length > 0 && (
        <section aria-labelledby="gebiet-lage">
          <h2 className="kern-heading-medium" id="gebiet-lage">
            {t('areas.ancestors')}
          </h2>
          {refs(area.ancestors, t)}
        </section>
      )}
      {area.covers.length > 0 && (
        <section aria-labelledby="gebiet-umfasst">
          <h2 className="kern-heading-medium" id="gebiet-umfasst">
            {t('areas.covers')}
          </h2>
          {refs(area.covers, t)}
        </section>
      )}
      {canSetCovers && <CoversForm area={area} onSaved={onChanged} />}
      {area.coveredBy.length > 0 && (
        <section aria-labelledby="gebiet-liegt-in">
          <h2 className="kern-heading-medium" id="gebiet-liegt-in">
            {t('areas.coveredBy')}
          </h2>
          {refs(area.coveredBy, t)}
        </section>
      )}
      {area.children.length > 0 && (
        <section aria-labelledby="gebiet-teile">
          <h2 className="kern-heading-medium" id="gebiet-teile">
            {t('areas.children')}
          </h2>
          {refs(area.children, t)}
        </section>
      )}
      <div className="area-page__columns">
        <section aria-labelledby="gebiet-indikatoren">
          <h2 className="kern-heading-medium" id="gebiet-indikatoren">
            {t('areas.indicators')}
          </h2>
          {hasSamples && (
            <Alert variant="info" title={t('areas.samplesTitle')}>
              <p className="kern-body">{t('areas.samplesText')}</p>
            </Alert>
          )}
          {area.indicators.length === 0 ? (
            <p className="kern-body">{t('areas.noIndicators')}</p>
          ) : (
            <TableScroller label={t('areas.indicators')}>
              <table className="kern-table kern-table--small">
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      {t('areas.year')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t('areas.indicator')}
                    </th>
                    <th scope="col" className="kern-table__header kern-table__header--numeric">
                      {t('areas.value')}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t('areas.source')}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {area.indicators.map((i) => (
                    <tr key={`${i.year}-${i.indicator}`} className="kern-table__row">
                      <td className="kern-table__cell">{i.year}</td>
                      <th scope="row" className="kern-table__header">
                        {indicatorLabel(i.indicator, t)}
                        {i.sample && (
                          <>
                            {' '}
                            <Badge variant="warning" label={t('areas.sample')} />
                          </>
                        )}
                      </th>
                      <td className="kern-table__cell kern-table__cell--numeric">
                        {formatIndicator(i, language)} {i.unit}
                      </td>
                      <td className="kern-table__cell">{i.source}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          )}
        </section>
        <section aria-labelledby="gebiet-geld">
          <h2 className="kern-heading-medium" id="gebiet-geld">
            {t('areas.money')}
          </h2>
          <p className="kern-body">{t('areas.moneyIntro')}</p>
          <dl className="kern-description-list">
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t('areas.committed')}</dt>
              <dd className="kern-description-list-item__value">{money(area.money.committedCents)}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t('areas.paid')}</dt>
              <dd className="kern-description-list-item__value">{money(area.money.paidCents)}</dd>
            </div>
          </dl>
          <MoneyTable caption={t('areas.byFundKind')} lines={area.money.byFundKind} withField={false} />
          <MoneyTable caption={t('areas.byActionField')} lines={area.money.byActionField} withField />
        </section>
      </div>
    </div>
  );
}

function MoneyTable({
  caption,
  lines,
  withField,
}: {
  caption: string;
  lines: MoneyLine[];
  withField: boolean;
}) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <TableScroller label={caption}>
      <table className="kern-table kern-table--small">
        <caption className="kern-title">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t('areas.fundKind')}
            </th>
            {withField && (
              <th scope="col" className="kern-table__header">
                {t('areas.actionField')}
              </th>
            )}
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('areas.projects')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('areas.committed')}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t('areas.paid')}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {lines.map((line, i) => (
            <tr key={i} className="kern-table__row">
              <td className="kern-table__cell">{fundKindLabel(line.fundKind, t)}</td>
              {withField && (
                <td className="kern-table__cell">{line.actionFieldName ?? t('areas.noActionField')}</td>
              )}
              <td className="kern-table__cell kern-table__cell--numeric">{line.projects}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{money(line.committedCents)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{money(line.paidCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

/** Coordinators and admins choose the Planungsräume a QM area or Aktionsraum covers. */
function CoversForm({ area, onSaved }: { area: AreaDetail; onSaved(area: AreaDetail): void }) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => listDistrictAreas(area.districtId, { signal }),
    [area.districtId],
  );
  const { state } = useApiData(load);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(area.covers.map((a) => a.id)));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<'saved' | 'failed' | null>(null);
  if (state.status !== 'loaded') return null;
  const planungsraeume = state.data.items.filter((a) => a.kind === 'planungsraum');
  if (planungsraeume.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      onSaved(await setAreaCovers(area.id, [...chosen]));
      setResult('saved');
    } catch {
      setResult('failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate className="form page__section" onSubmit={(event) => void submit(event)}>
      {result === 'saved' && <Alert variant="success" title={t('areas.coversSaved')} />}
      {result === 'failed' && <Alert variant="danger" title={t('areas.coversFailed')} role="alert" />}
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('areas.coversLegend')}</legend>
        <div className="kern-fieldset__body">
          {planungsraeume.map((p) => (
            <CheckboxField
              key={p.id}
              id={`umfasst-${p.id}`}
              label={p.name}
              checked={chosen.has(p.id)}
              onChange={(checked) => {
                const next = new Set(chosen);
                if (checked) next.add(p.id);
                else next.delete(p.id);
                setChosen(next);
              }}
            />
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={busy} label={t('areas.coversSubmit')} />
      </div>
    </form>
  );
}
