/** A date, or a date and time with a zone (`Z` or `±hh:mm`): an instant no server's zone changes. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch milliseconds of an ISO 8601 instant; undefined for anything else, a time without its zone included. */
export function parseInstant(text: string): number | undefined {
  const time = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}
