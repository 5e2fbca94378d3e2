import { decodeCursor, encodeCursor } from '../../api/2010-04-01/paging.ts';
import type { PageQuery, PageRows } from '../../storage/keyset-page.ts';

export const LOG_PAGE_SIZE = 50;

/** The `page` query parameter is an API page token: the Console pages through the same index. */
export const readLogPage = (token: string | undefined): PageQuery => ({ pageSize: LOG_PAGE_SIZE, cursor: token ? decodeCursor(token) : null });

interface Keyed {
  date_created: number;
  sid: string;
}

/** The current address with `page` replaced (or dropped, for the newest page). */
const withPage = (url: URL, token: string | null): string => {
  const next = new URL(url);
  if (token === null) next.searchParams.delete('page');
  else next.searchParams.set('page', token);
  return next.pathname + next.search;
};

/** Newest / Newer / Older links; the cursors are the first and last rows shown. */
export const Pager = ({ url, page }: { url: URL; page: PageRows<Keyed> }) => {
  const first = page.rows[0];
  const last = page.rows.at(-1);
  if (!first || !last || (!page.hasPrevious && !page.hasNext)) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <span class="actions">
        {page.hasPrevious ? <a class="button secondary small" href={withPage(url, null)}>Newest</a> : null}
        {page.hasPrevious ? <a class="button secondary small" rel="prev" href={withPage(url, encodeCursor({ direction: 'before', created: first.date_created, key: first.sid }))}>← Newer</a> : null}
      </span>
      {page.hasNext ? <a class="button secondary small" rel="next" href={withPage(url, encodeCursor({ direction: 'after', created: last.date_created, key: last.sid }))}>Older →</a> : null}
    </nav>
  );
};
