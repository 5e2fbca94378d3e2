import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rfc2822 } from './rfc2822.ts';

test('formats an instant in GMT with a literal +0000 and two-digit day', () => {
  assert.equal(rfc2822(Date.UTC(2015, 6, 3, 20, 0, 9)), 'Fri, 03 Jul 2015 20:00:09 +0000');
});

test('formats the first instant of a leap day', () => {
  assert.equal(rfc2822(Date.UTC(2024, 1, 29)), 'Thu, 29 Feb 2024 00:00:00 +0000');
});

test('agrees with the Date object on instants across centuries, before 1970, and at every edge of a day', () => {
  const viaDate = (ms: number) => {
    const d = new Date(ms);
    const [weekday, day, month, year, time] = d.toUTCString().replace(',', '').split(' ');
    return `${weekday}, ${day} ${month} ${year} ${time} +0000`;
  };
  const instants = [0, -1, -86_400_000, 86_399_999, 86_400_000, Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(2099, 11, 31, 23, 59, 59, 999)];
  for (let i = 0; i < 2_000; i++) instants.push(Math.round((i * 7919.37 - 5_000) * 3_600_000 + i * 611));
  for (const ms of instants) assert.equal(rfc2822(ms), viaDate(ms), String(ms));
});
