import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { BrowserEnv } from './browser-env.ts';

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

const ASSETS: Record<string, { type: string; body: string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: read('console.css') },
  'console.js': { type: 'text/javascript; charset=utf-8', body: read('console.js') },
};

/** The Console's stylesheet and script, from this server only: pages load nothing from elsewhere. */
export function mountAssets(app: Hono<BrowserEnv>): void {
  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=300' });
  });
}
