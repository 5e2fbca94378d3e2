/** Prints a result as JSON (for scripts) or as aligned `label: value` lines (for people). */
export function print(json: boolean | undefined, value: Record<string, unknown>): void {
  if (json) {
    console.log(JSON.stringify(value, null, 2));
    return;
  }
  const width = Math.max(...Object.keys(value).map((k) => k.length));
  for (const [key, v] of Object.entries(value)) console.log(`${`${key}:`.padEnd(width + 2)}${Array.isArray(v) ? v.join(',') : String(v)}`);
}

export function printTable(json: boolean | undefined, rows: Record<string, unknown>[]): void {
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const keys = Object.keys(rows[0]!);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(keys));
  for (const row of rows) console.log(line(keys.map((k) => String(row[k] ?? ''))));
}
