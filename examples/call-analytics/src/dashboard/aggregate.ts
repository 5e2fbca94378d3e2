/** The fields of a twilio-node CallInstance the dashboard uses (any CallInstance is one). */
export interface CallRecord {
  status: string;
  direction: string;
  from: string;
  to: string;
  /** Seconds, as Twilio sends it: a string, null while a call is not over. */
  duration: string | null;
  /** Negative decimal dollars, as Twilio sends it (`"-0.0130"`), or null. */
  price: string | null;
  startTime: Date | null;
  dateCreated: Date | null;
}

export interface DailyCount {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  calls: number;
  completed: number;
}

export interface NumberActivity {
  number: string;
  calls: number;
  durationSeconds: number;
}

export interface CallAnalytics {
  totalCalls: number;
  completedCalls: number;
  /** completed / total, 0 without calls. */
  answerRate: number;
  totalDurationSeconds: number;
  /** Over completed calls: the others last 0 s and would drag it down. */
  averageDurationSeconds: number;
  /** What the calls cost the customer, in dollars. */
  spend: number;
  /** Most frequent first. */
  statuses: { status: string; calls: number }[];
  directions: { inbound: number; outbound: number };
  /** Every day from the first call's to the last call's, days without calls included (at most MAX_DAYS, the latest). */
  daily: DailyCount[];
  /** The customer's own numbers (the `to` of inbound calls, the `from` of outbound ones), busiest first. */
  busiestNumbers: NumberActivity[];
  /** The other parties, most frequent first. */
  topContacts: NumberActivity[];
  firstCallAt: number | null;
  lastCallAt: number | null;
}

export const MAX_DAYS = 366;
export const TOP_NUMBERS = 5;
const DAY_MS = 86_400_000;

const seconds = (duration: string | null): number => {
  const value = duration === null ? 0 : Number(duration);
  return Number.isFinite(value) && value > 0 ? value : 0;
};

// Whole micro-dollars: adding 100,000 prices as floats would drift in the last cents.
const microDollars = (price: string | null): number => {
  const value = price === null ? NaN : Number(price);
  return Number.isFinite(value) ? Math.round(Math.abs(value) * 1e6) : 0;
};

// twilio-node hands back the raw string when a date does not parse: such a call has no day.
const instant = (value: Date | null): number | undefined => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : undefined);

const top = (counts: Map<string, NumberActivity>): NumberActivity[] =>
  [...counts.values()].sort((a, b) => b.calls - a.calls || b.durationSeconds - a.durationSeconds || a.number.localeCompare(b.number)).slice(0, TOP_NUMBERS);

function tally(counts: Map<string, NumberActivity>, number: string, duration: number): void {
  const entry = counts.get(number);
  if (entry) {
    entry.calls++;
    entry.durationSeconds += duration;
  } else {
    counts.set(number, { number, calls: 1, durationSeconds: duration });
  }
}

/**
 * Folds calls into the dashboard's numbers one at a time, so a call log of any length is read page by
 * page without ever being held in memory: only counters per status, day and phone number are kept.
 */
export class CallAggregator {
  #total = 0;
  #completed = 0;
  #duration = 0;
  #completedDuration = 0;
  #spend = 0;
  #inbound = 0;
  #statuses = new Map<string, number>();
  /** Calls and completed calls per UTC day number. */
  #days = new Map<number, [number, number]>();
  #own = new Map<string, NumberActivity>();
  #contacts = new Map<string, NumberActivity>();
  #first = Infinity;
  #last = -Infinity;

  add(call: CallRecord): void {
    const duration = seconds(call.duration);
    const completed = call.status === 'completed';
    const inbound = call.direction === 'inbound';
    this.#total++;
    this.#duration += duration;
    this.#spend += microDollars(call.price);
    if (completed) {
      this.#completed++;
      this.#completedDuration += duration;
    }
    if (inbound) this.#inbound++;
    this.#statuses.set(call.status, (this.#statuses.get(call.status) ?? 0) + 1);
    tally(this.#own, inbound ? call.to : call.from, duration);
    tally(this.#contacts, inbound ? call.from : call.to, duration);

    const at = instant(call.startTime) ?? instant(call.dateCreated);
    if (at === undefined) return;
    this.#first = Math.min(this.#first, at);
    this.#last = Math.max(this.#last, at);
    const day = Math.floor(at / DAY_MS);
    const counts = this.#days.get(day);
    if (counts) {
      counts[0]++;
      if (completed) counts[1]++;
    } else {
      this.#days.set(day, [1, completed ? 1 : 0]);
    }
  }

  result(): CallAnalytics {
    const hasDates = this.#days.size > 0;
    const lastDay = Math.floor(this.#last / DAY_MS);
    const firstDay = Math.max(Math.floor(this.#first / DAY_MS), lastDay - MAX_DAYS + 1);
    const daily: DailyCount[] = [];
    for (let day = firstDay; hasDates && day <= lastDay; day++) {
      const [calls, completed] = this.#days.get(day) ?? [0, 0];
      daily.push({ date: new Date(day * DAY_MS).toISOString().slice(0, 10), calls, completed });
    }
    return {
      totalCalls: this.#total,
      completedCalls: this.#completed,
      answerRate: this.#total === 0 ? 0 : this.#completed / this.#total,
      totalDurationSeconds: this.#duration,
      averageDurationSeconds: this.#completed === 0 ? 0 : this.#completedDuration / this.#completed,
      spend: this.#spend / 1e6,
      statuses: [...this.#statuses].map(([status, calls]) => ({ status, calls })).sort((a, b) => b.calls - a.calls || a.status.localeCompare(b.status)),
      directions: { inbound: this.#inbound, outbound: this.#total - this.#inbound },
      daily,
      busiestNumbers: top(this.#own),
      topContacts: top(this.#contacts),
      firstCallAt: hasDates ? this.#first : null,
      lastCallAt: hasDates ? this.#last : null,
    };
  }
}
