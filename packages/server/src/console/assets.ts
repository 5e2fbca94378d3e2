import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { BrowserEnv } from './browser-env.ts';

// Literal paths: the build inlines each file's text into the bundle (see scripts/build-packages.mjs).
const ASSETS: Record<string, { type: string; body: string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/console.css', import.meta.url), 'utf8') },
  'console.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/console.js', import.meta.url), 'utf8') },
};

/** The Console's stylesheet and script, from this server only: pages load nothing from elsewhere. */
export function mountAssets(app: Hono<BrowserEnv>): void {
  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=300' });
  });
}
