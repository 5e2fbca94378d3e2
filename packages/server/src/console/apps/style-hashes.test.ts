import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { styleAttributeHashes } from './style-hashes.ts';

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

test('each distinct style attribute is hashed once, entities decoded as the browser reads them', () => {
  const html = `<a style="font:600 14px 'Segoe UI'" href="#"><span style="color:red">x</span><i style="color:red"></i></a><b style="a&amp;b&quot;"></b>`;
  assert.deepEqual(styleAttributeHashes(html), [hash("font:600 14px 'Segoe UI'"), hash('color:red'), hash('a&b"')]);
});

test('a snippet without inline styles needs no hash', () => {
  assert.deepEqual(styleAttributeHashes('<a href="/x">Connect</a>'), []);
});
