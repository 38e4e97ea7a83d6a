import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AreaRow } from '../../api/areas';
import { SelectField } from '../../components/form/SelectField';
import { currentLanguage, type Language } from '../../i18n';
import { money } from '../finance/financeShared';
import { formatIndicator, indicatorLabel, SHADES, shadeIndex } from './areaFormat';

const WIDTH = 1000;

type Shaped = AreaRow & { shape: number[][][][] };

type Measured = { value: number; text: string };

/** The value an area is shaded by, with its text: money committed or an indicator's latest value. */
function measureOf(item: AreaRow, measure: string, language: Language): Measured | null {
  if (measure === 'committed')
    return { value: Number(item.committedCents), text: money(item.committedCents) };
  const indicator = item.indicators.find((i) => i.indicator === measure);
  if (!indicator || indicator.value === null) return null;
  return { value: Number(indicator.value), text: formatIndicator(indicator, language) };
}

/**
 * The areas with an imported outline drawn as an SVG map (no tile server), shaded by money
 * committed or by an indicator; each area a link to its page. The table beside it holds the same
 * values as text, so the map needs no other alternative than saying so.
 */
export function AreaMap({ items, indicators }: { items: readonly AreaRow[]; indicators: readonly string[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const titleId = useId();
  const [measure, setMeasure] = useState('committed');
  const shaped = items.filter((item): item is Shaped => Array.isArray(item.shape) && item.shape.length > 0);
  if (shaped.length === 0) return null;

  const points = shaped.flatMap((item) => item.shape.flat(2));
  const lons = points.map((p) => p[0]!);
  const lats = points.map((p) => p[1]!);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  // Equirectangular with the middle latitude's scale: true enough in shape at a district's size.
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * xScale, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = WIDTH / spanX;
  const height = Math.round(spanY * scale);
  const path = (shape: number[][][][]) =>
    shape
      .flatMap((polygon) =>
        polygon.map(
          (ring) =>
            ring
              .map(
                ([lon, lat], i) =>
                  `${i === 0 ? 'M' : 'L'}${((lon! - minLon) * xScale * scale).toFixed(1)} ${((maxLat - lat!) * scale).toFixed(1)}`,
              )
              .join(' ') + ' Z',
        ),
      )
      .join(' ');

  const measured = shaped.map((item) => measureOf(item, measure, language));
  const values = measured.filter((m): m is Measured => m !== null);
  const lowest = values.reduce<Measured | null>((a, b) => (a && a.value <= b.value ? a : b), null);
  const highest = values.reduce<Measured | null>((a, b) => (a && a.value >= b.value ? a : b), null);
  const hasSamples = shaped.some((item) => item.shapeSample);

  return (
    <section className="page__section" aria-labelledby={titleId}>
      <h2 className="kern-heading-medium" id={titleId}>
        {t('areas.map.heading')}
      </h2>
      <p className="kern-body">{t('areas.map.intro')}</p>
      {hasSamples && <p className="kern-body">{t('areas.map.samples')}</p>}
      <SelectField
        id="karte-einfaerben"
        label={t('areas.map.measure')}
        value={measure}
        options={[
          { value: 'committed', label: t('areas.committed') },
          ...indicators.map((key) => ({ value: key, label: indicatorLabel(key, t) })),
        ]}
        onChange={setMeasure}
      />
      <svg
        className="area-map"
        viewBox={`-4 -4 ${WIDTH + 8} ${height + 8}`}
        role="group"
        aria-label={t('areas.map.label')}
      >
        {shaped.map((item, index) => {
          const value = measured[index] ?? null;
          const label =
            value === null
              ? t('areas.map.areaNoValue', { name: item.name })
              : t('areas.map.area', { name: item.name, value: value.text });
          return (
            <Link key={item.id} to={`/gebiete/${encodeURIComponent(item.id)}`} aria-label={label}>
              <title>{label}</title>
              <path
                d={path(item.shape)}
                fill={
                  value === null ? '#ffffff' : SHADES[shadeIndex(value.value, lowest!.value, highest!.value)]
                }
                stroke="#1b1b1b"
                strokeWidth={1.5}
                fillRule="evenodd"
              />
            </Link>
          );
        })}
      </svg>
      {lowest && highest && (
        <p className="kern-body kern-body--small">
          {t('areas.map.legend', { min: lowest.text, max: highest.text })}{' '}
          <span className="area-map__legend" aria-hidden="true">
            {SHADES.map((shade) => (
              <span key={shade} className="area-map__swatch" style={{ background: shade }} />
            ))}
          </span>
        </p>
      )}
    </section>
  );
}
