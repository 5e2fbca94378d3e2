/** Millionths of a dollar as an exact decimal string with at least `minDecimals` places: 19991500 → `19.9915`. */
export function decimalFromMicros(micros: number, minDecimals = 2): string {
  const abs = Math.abs(Math.round(micros));
  const fraction = String(abs % 1_000_000).padStart(6, '0').replace(/0+$/, '').padEnd(minDecimals, '0');
  return `${micros < 0 && abs !== 0 ? '-' : ''}${Math.floor(abs / 1_000_000)}${fraction ? `.${fraction}` : ''}`;
}
