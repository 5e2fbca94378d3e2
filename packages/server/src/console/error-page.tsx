import type { Context } from 'hono';
import { TwilioError } from '../errors/twilio-error.ts';
import { NarrowPage } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: 'That did not work',
  403: 'Not allowed',
  404: 'Not found',
  413: 'Too large',
  415: 'Unsupported form',
  429: 'Too many attempts',
};

/** Browser routes answer errors with a page, not Twilio's JSON; a 5xx never shows its internals. */
export function errorPage(c: Context, error: unknown): Response | Promise<Response> {
  const known = error instanceof TwilioError && error.status < 500;
  if (!known) console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, error);
  const status = known ? error.status : 500;
  const message = known ? error.message : 'Something went wrong on our side. The details are in the Switchboard server log.';
  const title = TITLES[status] ?? 'Something went wrong';
  return c.html(
    <NarrowPage title={title}>
      <section class="card error-page">
        <p class="code">ERROR {status}</p>
        <h1>{title}</h1>
        <p>{message}</p>
        <p><a href="/console">Go to the Console</a></p>
      </section>
    </NarrowPage>,
    status as 400,
  );
}
