import type { ErrorHandler, NotFoundHandler } from 'hono';
import type { AppContext, AppEnv } from '../env.ts';
import { ErrorPage } from '../pages/error-page.tsx';
import { HttpError } from './http-error.ts';

const viewerOf = (c: AppContext) => {
  const session = c.var.session;
  return session ? { email: session.user.email, csrf: session.row.csrf_token } : undefined;
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.html(<ErrorPage status={404} title="Page not found" message="There is nothing at this address. Check the link, or start again from the home page." viewer={viewerOf(c)} />, 404);

/** HttpErrors become their page; anything else is logged and shown as a 500 that reveals nothing. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof HttpError) {
    return c.html(<ErrorPage status={error.status} title={error.title} message={error.message} viewer={viewerOf(c)} />, error.status, error.headers);
  }
  console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, error);
  return c.html(<ErrorPage status={500} title="Something went wrong on our side" message="The problem has been logged. Try again in a moment." viewer={viewerOf(c)} />, 500);
};
