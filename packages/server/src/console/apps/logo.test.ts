import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectLogoType } from './logo.ts';

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(32)]);
const jpeg = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(32)]);

test('PNG and JPEG are recognised by their first bytes', () => {
  assert.equal(detectLogoType(png), 'image/png');
  assert.equal(detectLogoType(jpeg), 'image/jpeg');
});

test('SVG, GIF, HTML and a truncated PNG are refused', () => {
  for (const text of ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'GIF89a........................', '<!DOCTYPE html><html>...........']) {
    assert.equal(detectLogoType(Buffer.from(text)), null, text);
  }
  assert.equal(detectLogoType(png.subarray(0, 8)), null);
});
