import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

const own = (name: string) => readFileSync(new URL(`../assets/${name}`, import.meta.url));
// Chart.js from the installed package, served by the app itself: no CDN, and `script-src 'self'` holds.
const chartJsDir = dirname(createRequire(import.meta.url).resolve('chart.js'));

const ASSETS: Record<string, { type: string; body: Buffer; maxAge: number }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: own('app.css'), maxAge: 300 },
  'favicon.svg': { type: 'image/svg+xml', body: own('favicon.svg'), maxAge: 86_400 },
  'dashboard.js': { type: 'text/javascript; charset=utf-8', body: own('dashboard.js'), maxAge: 300 },
  'chart.umd.min.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(chartJsDir, 'chart.umd.min.js')), maxAge: 86_400 },
};

export function mountAssets(app: Hono<AppEnv>): void {
  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.notFound();
    return c.body(new Uint8Array(asset.body), 200, { 'content-type': asset.type, 'cache-control': `public, max-age=${asset.maxAge}` });
  });
}
