import type { Child } from 'hono/jsx';
import type { SignedIn } from '../../storage/repositories/console-sessions.ts';
import type { PageRows } from '../../storage/keyset-page.ts';
import { ConsolePage, type Section } from '../layout.tsx';
import { FilterForm, type Filter } from './filter-form.tsx';
import type { FamilyMember } from './family.ts';
import { Pager } from './log-paging.tsx';

export interface LogPageProps {
  signedIn: SignedIn;
  section: Section;
  title: string;
  intro: string;
  url: URL;
  family: readonly FamilyMember[];
  chosen: FamilyMember;
  filters: readonly Filter[];
  page: PageRows<{ date_created: number; sid: string }>;
  /** What to do when there is nothing to show, with and without filters applied. */
  empty: { title: string; unfiltered: Child };
  /** The table head and rows, shown when the page has rows. */
  children: Child;
}

/** One log: filters, then a table of one page of rows (scrolling in its own box on narrow screens), then paging. */
export const LogPage = (p: LogPageProps) => {
  const filtered = p.filters.some((f) => f.value) || p.url.searchParams.has('page');
  return (
    <ConsolePage title={p.title} section={p.section} signedIn={p.signedIn}>
      <div class="page-head">
        <div>
          <h1>{p.title}</h1>
          <p>{p.intro}</p>
        </div>
      </div>
      <FilterForm action={p.url.pathname} family={p.family} chosen={p.chosen} filters={p.filters} />
      {p.page.rows.length === 0 ? (
        <section class="card empty">
          <h2>{p.empty.title}</h2>
          {filtered ? <p>Nothing matches these filters. Widen the dates or clear the filters.</p> : p.empty.unfiltered}
        </section>
      ) : (
        <section class="card" aria-label={`${p.title} list`}>
          <div class="table-wrap">
            <table>{p.children}</table>
          </div>
          <Pager url={p.url} page={p.page} />
        </section>
      )}
    </ConsolePage>
  );
};
