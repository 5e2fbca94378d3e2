import { invalidParameter } from '../../errors/twilio-error.ts';
import { one, type Params } from '../../http/params.ts';
import { endsOf, type Cursor, type PageEnds, type PageQuery, type PageRows } from '../../storage/keyset-page.ts';
import { surround } from '../../storage/page-bytes.ts';

export const PAGING_PARAMS = ['PageSize', 'Page', 'PageToken'] as const;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** `PA…` continues after a row, `PB…` goes back before one; the rest is opaque to clients. */
export const encodeCursor = ({ direction, created, key }: Cursor): string =>
  (direction === 'after' ? 'PA' : 'PB') + Buffer.from(`${created}.${key}`).toString('base64url');

const CURSOR_BODY = /^(-?\d{1,16})\.([A-Za-z0-9]{1,64})$/;

export function decodeCursor(token: string): Cursor {
  const direction = token.startsWith('PA') ? 'after' : token.startsWith('PB') ? 'before' : null;
  const match = direction && CURSOR_BODY.exec(Buffer.from(token.slice(2), 'base64url').toString('utf8'));
  if (!direction || !match) {
    throw invalidParameter(`PageToken '${token}' is not valid. Use the next_page_uri or previous_page_uri of a list response as it is.`);
  }
  return { direction, created: Number(match[1]), key: match[2]! };
}

const integerParam = (params: Params, name: string, min: number, max: number, fallback: number): number => {
  const raw = one(params, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw invalidParameter(`${name} must be a whole number from ${min} to ${max}; got '${raw}'.`);
  }
  return value;
};

export interface PageRequest extends PageQuery {
  page: number;
  token: string | undefined;
}

/**
 * Both official clients send `PageSize=limit` when given only a `limit`; like Twilio, a larger
 * PageSize is served as pages of 1000 linked by `next_page_uri`, which the clients follow.
 */
const readPageSize = (query: Params): number => {
  const raw = one(query, 'PageSize');
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,16}$/.test(raw) || Number(raw) < 1) throw invalidParameter(`PageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}; got '${raw}'.`);
  return Math.min(Number(raw), MAX_PAGE_SIZE);
};

/**
 * `Page` with a `PageToken` only labels the page the token starts; `Page` alone is Twilio's legacy
 * paging and skips `Page × PageSize` rows, so the rows served are the ones `start` and `end` name.
 */
export const readPageRequest = (query: Params): PageRequest => {
  const token = one(query, 'PageToken');
  const pageSize = readPageSize(query);
  const page = integerParam(query, 'Page', 0, Number.MAX_SAFE_INTEGER, 0);
  return { pageSize, page, token, cursor: token ? decodeCursor(token) : null, offset: token ? 0 : page * pageSize };
};

export interface Envelope<Row> {
  key: string;
  /** The list path without version or suffix, e.g. `/Accounts/AC…/ConnectApps`. */
  path: string;
  /** What precedes `path` in page URIs: the API version, or `/_switchboard` for the test controls. */
  prefix?: string;
  /** Filters as received, echoed in every page URI (Twilio names, e.g. `StartTime>`). */
  filters: ReadonlyArray<readonly [string, string]>;
  request: PageRequest;
  result: PageRows<Row>;
  serialize: (row: Row) => unknown;
  cursorOf: (row: Row) => { created: number; key: string };
}

const pageUri = (prefix: string, path: string, filters: Envelope<unknown>['filters'], pageSize: number, page: number, token?: string): string => {
  const parts = filters.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  parts.push(`PageSize=${pageSize}`, `Page=${page}`);
  if (token) parts.push(`PageToken=${encodeURIComponent(token)}`);
  return `${prefix}${path}.json?${parts.join('&')}`;
};

/** The usual cursor: rows ordered by creation, ties broken by SID. */
export const sidCursor = (row: { date_created: number; sid: string }) => ({ created: row.date_created, key: row.sid });

/** An envelope whose items are already JSON: its page may come as its rows, or only its ends. */
type JsonEnvelope<Row> = Omit<Envelope<Row>, 'serialize' | 'result'> & { result: PageRows<Row> | PageEnds<Row> };

type PageMeta = Omit<JsonEnvelope<unknown>, 'key'>;

/** The paging fields of a list envelope: root-relative page URIs, 0-based page/start/end. */
function pageMeta({ path: listPath, prefix = '/2010-04-01', filters, request, result, cursorOf }: PageMeta) {
  const uri = (pageSize: number, page: number, token?: string) => pageUri(prefix, listPath, filters, pageSize, page, token);
  const { pageSize, page, token } = request;
  const { first, last, count, hasNext, hasPrevious } = 'rows' in result ? endsOf(result) : result;
  const start = page * pageSize;
  return {
    end: count === 0 ? 0 : start + count - 1,
    first_page_uri: uri(pageSize, 0),
    next_page_uri:
      hasNext && last ? uri(pageSize, page + 1, encodeCursor({ direction: 'after', ...cursorOf(last) })) : null,
    page,
    page_size: pageSize,
    previous_page_uri:
      hasPrevious && first && page > 0
        ? uri(pageSize, page - 1, encodeCursor({ direction: 'before', ...cursorOf(first) }))
        : null,
    start,
    uri: uri(pageSize, page, token),
  };
}

/** The list envelope: exactly one non-meta key (python's client insists), then the paging fields. */
export function listEnvelope<Row>(envelope: Envelope<Row>): Record<string, unknown> {
  return { [envelope.key]: envelope.result.rows.map(envelope.serialize), ...pageMeta(envelope as PageMeta) };
}

/**
 * The same envelope as JSON, from items that are already JSON: each item's text, or all of them
 * comma-separated as UTF-8 (as a page reader in a worker thread writes them), which gives the envelope as UTF-8.
 */
export function listEnvelopeJson<Row>(envelope: JsonEnvelope<Row>, itemsJson: readonly string[]): string;
export function listEnvelopeJson<Row>(envelope: JsonEnvelope<Row>, itemsJson: readonly string[] | Buffer): string | Buffer;
export function listEnvelopeJson<Row>(envelope: JsonEnvelope<Row>, itemsJson: readonly string[] | Buffer): string | Buffer {
  const meta = JSON.stringify(pageMeta(envelope as PageMeta));
  if (!Buffer.isBuffer(itemsJson)) return `{${JSON.stringify(envelope.key)}:[${itemsJson.join(',')}],${meta.slice(1)}`;
  return surround(`{${JSON.stringify(envelope.key)}:[`, itemsJson, `],${meta.slice(1)}`);
}
