const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// A page of calls formats some two hundred instants, nearly all on the same few days: the date part
// of the last day formatted is kept, and only the time of day is worked out each time.
let lastDay = Number.NaN;
let lastDayText = '';

const dayText = (day: number): string => {
  if (day !== lastDay) {
    const d = new Date(day * DAY_MS);
    lastDayText = `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    lastDay = day;
  }
  return lastDayText;
};

/** RFC 2822 in GMT with the literal `+0000` twilio-node's date parser requires. */
export const rfc2822 = (epochMs: number): string => {
  const day = Math.floor(epochMs / DAY_MS);
  const second = Math.floor((epochMs - day * DAY_MS) / 1000);
  return `${dayText(day)} ${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)} +0000`;
};
