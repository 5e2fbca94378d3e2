import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLoginLimiter } from './login-limiter.ts';

test('the attempt after the limit of failures must wait for the window to end', () => {
  const limiter = createLoginLimiter({ limit: 3, windowMs: 60_000 });
  for (let i = 0; i < 3; i++) {
    assert.equal(limiter.retryAfter(['ip:1'], 1000), 0);
    limiter.recordFailure(['ip:1'], 1000);
  }
  assert.equal(limiter.retryAfter(['ip:1'], 1000), 60);
  assert.equal(limiter.retryAfter(['ip:1'], 31_000), 30);
  assert.equal(limiter.retryAfter(['ip:1'], 61_000), 0);
});

test('a key over its limit blocks even when the other keys are fine', () => {
  const limiter = createLoginLimiter({ limit: 1, windowMs: 60_000 });
  limiter.recordFailure(['email:a@example.com'], 0);
  assert.ok(limiter.retryAfter(['ip:2', 'email:a@example.com'], 0) > 0);
  assert.equal(limiter.retryAfter(['ip:2', 'email:b@example.com'], 0), 0);
});

test('a successful sign-in clears its keys', () => {
  const limiter = createLoginLimiter({ limit: 1, windowMs: 60_000 });
  limiter.recordFailure(['ip:3'], 0);
  limiter.reset(['ip:3']);
  assert.equal(limiter.retryAfter(['ip:3'], 0), 0);
});
