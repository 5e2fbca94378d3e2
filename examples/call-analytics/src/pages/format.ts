const counts = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

export const formatCount = (n: number): string => counts.format(n);
export const formatMoney = (dollars: number): string => money.format(dollars);
export const formatPercent = (ratio: number): string => percent.format(ratio);
export const formatDateTime = (ms: number): string => `${dateTime.format(ms)} UTC`;
export const formatDay = (ms: number): string => day.format(ms);

/** `45 s`, `3 min 12 s`, `27 h 4 min`, `1,572 h`: the units that matter at that size. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.round(totalSeconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${s % 60} s`;
  const hours = Math.floor(minutes / 60);
  // Past 100 hours the minutes are noise, and the figure has to fit a dashboard tile.
  return hours >= 100 ? `${counts.format(hours)} h` : `${hours} h ${minutes % 60} min`;
}

/** North American numbers as `+1 (415) 555-0123`; anything else as given. */
export function formatPhone(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}` : number;
}

/** `AC…3f9a`: enough for the user to recognise the account, without putting the whole SID on screen. */
export const maskSid = (sid: string): string => `${sid.slice(0, 2)}…${sid.slice(-4)}`;
