import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createState } from './create-state.ts';

test('a state is 43 URL-safe characters carrying 256 random bits', () => {
  const state = createState();
  assert.match(state, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(state, 'base64url').length, 32);
  assert.equal(encodeURIComponent(state), state);
});

test('states do not repeat', () => {
  const states = new Set(Array.from({ length: 1000 }, createState));
  assert.equal(states.size, 1000);
});
