export interface Bar {
  /** Shown under the first and last bars and in each bar's tooltip. */
  label: string;
  value: number;
}

const WIDTH = 300;
const HEIGHT = 120;
const BASELINE = 100;
const TOP = 12;

/**
 * A bar chart as inline SVG, drawn on the server: no script, nothing for the CSP to allow, and
 * readable by screen readers through its title, its description and each bar's own title.
 */
export const BarChart = ({ id, title, unit, bars }: { id: string; title: string; unit: string; bars: readonly Bar[] }) => {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const slot = WIDTH / Math.max(1, bars.length);
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  const summary = `${total.toLocaleString('en-US')} ${unit} in all, at most ${max.toLocaleString('en-US')} in one period.`;
  return (
    <figure class="chart">
      <h3 id={`${id}-title`}>{title}</h3>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart={id}>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line class="axis" x1="0" y1={BASELINE} x2={WIDTH} y2={BASELINE} />
        {bars.map((bar, i) => {
          const height = max === 0 ? 0 : ((BASELINE - TOP) * bar.value) / max;
          return (
            <rect class="bar" x={(i * slot + slot * 0.15).toFixed(1)} y={(BASELINE - height).toFixed(1)} width={(slot * 0.7).toFixed(1)} height={height.toFixed(1)}>
              <title>{`${bar.label}: ${bar.value.toLocaleString('en-US')} ${unit}`}</title>
            </rect>
          );
        })}
        <text class="label" x="0" y={HEIGHT - 4}>{bars[0]?.label ?? ''}</text>
        <text class="label" x={WIDTH} y={HEIGHT - 4} text-anchor="end">{bars.at(-1)?.label ?? ''}</text>
        <text class="label" x="0" y="9">{`max ${max.toLocaleString('en-US')}`}</text>
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
};
