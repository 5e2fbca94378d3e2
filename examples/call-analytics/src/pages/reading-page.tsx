import type { ReadProgress } from '../dashboard/read-call-log.ts';
import { formatCount } from './format.ts';
import { NarrowPage, type Viewer } from './layout.tsx';

/**
 * Shown while a large call log is still being read: the page reloads itself every second (a meta
 * refresh, so no script is needed) until the dashboard is ready.
 */
export const ReadingPage = ({ viewer, progress, now }: { viewer: Viewer; progress: ReadProgress | undefined; now: number }) => (
  <NarrowPage title="Reading your calls" viewer={viewer} refreshSeconds={1}>
    <section class="card reading" id="reading">
      <div class="spinner" aria-hidden="true"></div>
      <h1>Reading your call log…</h1>
      <p class="lead">
        <strong id="calls-read">{formatCount(progress?.callsRead ?? 0)}</strong> calls so far
        {progress ? `, ${Math.max(0, Math.round((now - progress.startedAt) / 1000))} s in` : ''}. Large accounts take a little while the first time;
        after that the dashboard comes from a short-lived cache.
      </p>
      <p class="muted small">This page refreshes by itself.</p>
    </section>
  </NarrowPage>
);
