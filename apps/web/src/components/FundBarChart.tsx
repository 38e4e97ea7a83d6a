import { useId } from 'react';

export type Bar = { key: string; label: string; cents: string; text: string; className: string };

type FundBarChartProps = {
  /** Names the chart, e.g. the fund's name. */
  title: string;
  bars: readonly Bar[];
};

const barHeight = 20;
const gap = 8;
const labelWidth = 110;
const chartWidth = 400;

/**
 * Horizontal bars drawn as inline SVG, each bar's length relative to the largest value. The SVG
 * is an image whose text alternative lists every value; the table on the page holds the data.
 */
export function FundBarChart({ title, bars }: FundBarChartProps) {
  const titleId = useId();
  const max = bars.reduce((largest, bar) => (BigInt(bar.cents) > largest ? BigInt(bar.cents) : largest), 0n);
  const plotWidth = chartWidth - labelWidth;
  const height = bars.length * (barHeight + gap);
  const description = `${title}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join(', ')}`;
  return (
    <svg
      className="fund-chart"
      viewBox={`0 0 ${chartWidth} ${height}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{description}</title>
      {bars.map((bar, index) => {
        const value = BigInt(bar.cents);
        // Per mille of the largest value: integer arithmetic, only the pixel length is a float.
        const perMille = max > 0n && value > 0n ? Number((value * 1000n) / max) : 0;
        const width = Math.max(perMille > 0 ? 2 : 0, (plotWidth * perMille) / 1000);
        const y = index * (barHeight + gap);
        return (
          <g key={bar.key} aria-hidden="true">
            <text className="fund-chart__label" x={0} y={y + barHeight * 0.75}>
              {bar.label}
            </text>
            <rect
              className={`fund-chart__bar ${bar.className}`}
              x={labelWidth}
              y={y}
              width={width}
              height={barHeight}
            />
          </g>
        );
      })}
    </svg>
  );
}
