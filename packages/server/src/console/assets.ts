import { readFileSync } from 'node:fs';
import type { Context, Hono } from 'hono';
import type { BrowserEnv } from './browser-env.ts';

// Literal paths: the build inlines each file's text into the bundle (see scripts/build-packages.mjs).
const ASSETS: Record<string, { type: string; body: string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/console.css', import.meta.url), 'utf8') },
  'console.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/console.js', import.meta.url), 'utf8') },
  'favicon.svg': { type: 'image/svg+xml', body: readFileSync(new URL('./assets/favicon.svg', import.meta.url), 'utf8') },
};

const serve = (c: Context, name: string): Response => {
  const asset = ASSETS[name];
  if (!asset) return c.notFound() as Response;
  return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=300' });
};

/**
 * The Console's stylesheet, script and icon, from this server only: pages load nothing from elsewhere.
 * Browsers ask for `/favicon.ico` whatever the page says; it is the same SVG icon.
 */
export function mountAssets(app: Hono<BrowserEnv>): void {
  app.get('/assets/:name', (c) => serve(c, c.req.param('name')));
  app.get('/favicon.ico', (c) => serve(c, 'favicon.svg'));
}
