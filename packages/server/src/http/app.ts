import { Hono } from 'hono';
import { getPath } from 'hono/utils/url';
import { apiRoutes } from '../api/2010-04-01/index.ts';
import { controlRoutes } from '../api/_switchboard/index.ts';
import type { AppDeps } from '../app/deps.ts';
import { isBrowserPath, mountBrowser, pageNotFound } from '../console/mount.ts';
import { notFound, TwilioError } from '../errors/twilio-error.ts';
import { API_PREFIX, CONTROLS_PREFIX, mountApi, requestPath, twilioErrorResponse } from './api-router.ts';
import { renderJsxWithoutAsyncHooks } from './jsx-without-async-hooks.tsx';
import type { ResponseCache } from './response-cache.ts';
import { dialectOf } from '../storage/dialect-of.ts';
import { asArrivingRequest } from '../storage/request-arrival.ts';
import { requestArrived } from '../storage/sqlite-data-version.ts';

/** A recording's audio: Twilio serves it without a suffix (WAV), with `.wav` and with `.mp3`. */
const RECORDING_MEDIA = /^(\/2010-04-01\/Accounts\/[^/]+\/Recordings\/[^/.]+)(?:\.(wav|mp3))?$/;

/**
 * API and test-control paths end in `.json`; routes are declared without it. Recording media routes to
 * the internal `…/Recordings/{Sid}/!media/{wav|mp3}`. A versioned path with any other
 * suffix routes nowhere, so it is a 404 like any unknown path.
 */
const routingPath = (request: Request): string => {
  const path = getPath(request);
  if (path.startsWith(`${CONTROLS_PREFIX}/`)) return path.endsWith('.json') ? path.slice(0, -5) : `/!unrouted${path}`;
  if (!path.startsWith(`${API_PREFIX}/`)) return path;
  if (path.endsWith('.json')) return path.slice(0, -5);
  const media = RECORDING_MEDIA.exec(path);
  return media ? `${media[1]}/!media/${media[2] ?? 'wav'}` : `/!unrouted${path}`;
};

/** The whole HTTP app; `responses` keeps cacheable GETs' answers for the fast path (null: none kept). */
export function createApp(deps: AppDeps, responses: ResponseCache | null = null): Hono {
  renderJsxWithoutAsyncHooks();
  const app = new Hono({ getPath: routingPath });
  // Requests handed to the app in process (app.request) arrive here, not through the HTTP server.
  const fetch = app.fetch;
  const postgres = dialectOf(deps.db) === 'postgres';
  app.fetch = (request, ...rest) => {
    requestArrived();
    return postgres ? asArrivingRequest(() => fetch(request, ...rest)) : fetch(request, ...rest);
  };
  mountApi(app, [{ prefix: API_PREFIX, routes: apiRoutes }, { prefix: CONTROLS_PREFIX, routes: controlRoutes }], deps, responses);
  mountBrowser(app, deps);
  app.notFound((c) => (isBrowserPath(requestPath(c)) ? pageNotFound(c) : twilioErrorResponse(c, notFound(requestPath(c)))));
  app.onError((error, c) => {
    if (error instanceof TwilioError) return twilioErrorResponse(c, error);
    console.error(`${c.req.method} ${requestPath(c)} failed:`, error);
    return twilioErrorResponse(c, TwilioError.of('internal', 'Internal server error. The details are in the Switchboard server log.'));
  });
  return app;
}
