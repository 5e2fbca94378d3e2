import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTwiml } from '../../twiml/parse.ts';
import { verbDurationMs } from './timing.ts';

test('Say takes time by its words, Pause its length, Play a fixed time per loop', () => {
  const [say, pause, play, looped] = parseTwiml('<Response><Say>Welcome to Rossum Analytics</Say><Pause length="3"/><Play>https://x/a.mp3</Play><Say loop="2">Hi</Say></Response>').children;
  assert.equal(verbDurationMs(say!), 2100);
  assert.equal(verbDurationMs(pause!), 3000);
  assert.equal(verbDurationMs(play!), 5000);
  assert.equal(verbDurationMs(looped!), 1800);
});
