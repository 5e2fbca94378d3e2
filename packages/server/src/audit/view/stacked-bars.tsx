/** One stacked part of each bar: its name, its colour and a value per day. */
export interface Series {
  label: string;
  colour: string;
  values: readonly number[];
}

const WIDTH = 720;
const HEIGHT = 180;
const AXIS = 24;

/** A round top for the axis: 1, 2, 5 × 10ⁿ. */
const niceMax = (max: number): number => {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((n) => n >= max)!;
};

/**
 * A bar per day, stacked by series, drawn server-side as inline SVG: the Console's CSP allows no
 * scripts or inline styles, and presentation attributes are neither. The numbers are also in a table
 * for screen readers and for reading exact values.
 */
export const StackedBars = ({ title, days, series }: { title: string; days: readonly string[]; series: readonly Series[] }) => {
  const totals = days.map((_, i) => series.reduce((sum, s) => sum + s.values[i]!, 0));
  const top = niceMax(Math.max(0, ...totals));
  const slot = WIDTH / days.length;
  const barWidth = Math.max(4, slot * 0.7);
  const scale = (HEIGHT - AXIS) / top;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${totals.reduce((a, b) => a + b, 0)} in ${days.length} days`} preserveAspectRatio="none">
        <line x1="0" y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} stroke="#c9cfd6" stroke-width="1" />
        <text x="2" y="12" font-size="11" fill="#5d6772">{top}</text>
        {days.map((day, i) => {
          let y = HEIGHT - AXIS;
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g>
              <title>{`${day}: ${series.map((s) => `${s.values[i]} ${s.label.toLowerCase()}`).join(', ')}`}</title>
              {series.map((s) => {
                const h = s.values[i]! * scale;
                y -= h;
                return h > 0 ? <rect x={x.toFixed(1)} y={y.toFixed(1)} width={barWidth.toFixed(1)} height={h.toFixed(1)} fill={s.colour} /> : null;
              })}
              {i % Math.ceil(days.length / 7) === 0 ? <text x={(x + barWidth / 2).toFixed(1)} y={HEIGHT - 6} font-size="11" text-anchor="middle" fill="#5d6772">{day.slice(5)}</text> : null}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {series.map((s) => (
          <span><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill={s.colour} /></svg>{s.label}</span>
        ))}
      </figcaption>
      <details>
        <summary>{title} as a table</summary>
        <div class="table-wrap">
          <table>
            <thead><tr><th>Day</th>{series.map((s) => <th>{s.label}</th>)}</tr></thead>
            <tbody>
              {days.map((day, i) => <tr><td>{day}</td>{series.map((s) => <td>{s.values[i]}</td>)}</tr>)}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
};
