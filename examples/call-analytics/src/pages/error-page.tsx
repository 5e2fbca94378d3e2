import { NarrowPage, type Viewer } from './layout.tsx';

/** A failure explained: what happened and what to do about it. */
export const ErrorPage = ({ status, title, message, viewer }: { status: number; title: string; message: string; viewer?: Viewer }) => (
  <NarrowPage title={title} viewer={viewer}>
    <section class="card">
      <p class="eyebrow">Error {status}</p>
      <h1>{title}</h1>
      <p id="error-message">{message}</p>
      <p class="actions">
        <a class="button secondary" href={viewer ? '/dashboard' : '/'}>{viewer ? 'Back to your dashboard' : 'Back to the home page'}</a>
      </p>
    </section>
  </NarrowPage>
);
