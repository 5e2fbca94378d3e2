import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemsWithRoom, receivedItems, surround } from '../../src/storage/page-bytes.ts';

// A page's items with room around them (page-bytes.ts): the envelope is written around them in place
// when it fits, and copied otherwise, with the same bytes either way.
const ITEMS = '{"sid":"CA1","to":"+12125550100"},{"sid":"CA2","to":"+4930901820 ☎"}';
const HEAD = '{"calls":[';
const TAIL = '],"page":0,"page_size":50,"uri":"/2010-04-01/Accounts/AC1/Calls.json?PageSize=50"}';
const EXPECTED = `${HEAD}${ITEMS}${TAIL}`;

/** Items as they arrive from a page reader's thread: the view crosses as a structured clone of its transferred buffer. */
const received = () => receivedItems(structuredClone(itemsWithRoom(ITEMS), { transfer: [] }));

test('items from a page reader get the envelope written around them, in their own buffer', () => {
  const items = received();
  assert.equal(items.toString(), ITEMS);
  const whole = surround(HEAD, items, TAIL);
  assert.equal(whole.toString(), EXPECTED);
  assert.equal(JSON.parse(whole.toString()).calls.length, 2);
  assert.equal(whole.buffer, items.buffer, 'no copy of the page');
});

test('the same items a second time are copied, and the first answer stays as it was', () => {
  const items = received();
  const first = surround(HEAD, items, TAIL);
  const second = surround('{"other":[', items, '],"page":1}');
  assert.notEqual(second.buffer, items.buffer);
  assert.equal(second.toString(), `{"other":[${ITEMS}],"page":1}`);
  assert.equal(first.toString(), EXPECTED);
});

test('paging fields longer than the room after the items are copied', () => {
  const items = received();
  const long = `],"uri":"/Calls.json?To=${'9'.repeat(5_000)}"}`;
  const whole = surround(HEAD, items, long);
  assert.notEqual(whole.buffer, items.buffer);
  assert.equal(whole.toString(), `${HEAD}${ITEMS}${long}`);
});

test("a buffer that did not come from a page reader is never written around (its neighbours may be another buffer's)", () => {
  // Room around it, as a slice of Buffer's shared pool has: other buffers' bytes.
  const memory = new ArrayBuffer(8_192);
  const length = Buffer.from(memory, 1_000).write(ITEMS);
  const items = Buffer.from(memory, 1_000, length);
  const whole = surround(HEAD, items, TAIL);
  assert.equal(whole.toString(), EXPECTED);
  assert.notEqual(whole.buffer, memory);
  assert.ok(new Uint8Array(memory, 0, 1_000).every((byte) => byte === 0), 'nothing written before it');
  assert.ok(new Uint8Array(memory, 1_000 + length).every((byte) => byte === 0), 'nothing written after it');
});
