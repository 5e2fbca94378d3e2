import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { giveBackWhenSent, itemsWithRoom, itemsWrittenAsMade, receivedItems, surround } from '../../src/storage/page-bytes.ts';

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

/** A response as giveBackWhenSent sees it: an emitter of 'close' that may already be destroyed. */
const response = (destroyed = false) => Object.assign(new EventEmitter(), { destroyed });

test("a page's buffer goes back to its reader when its answer's response closes, once, and not before", () => {
  const given: ArrayBuffer[] = [];
  const items = receivedItems(structuredClone(itemsWithRoom(ITEMS), { transfer: [] }), (buffer) => given.push(buffer));
  const body = surround(HEAD, items, TAIL);
  const sent = response();
  giveBackWhenSent(sent, body);
  assert.equal(given.length, 0, 'not while the answer is being written');
  sent.emit('close');
  assert.deepEqual(given, [body.buffer]);
  // Asked again (a second response for the same body), it is not given back twice.
  const again = response();
  giveBackWhenSent(again, body);
  again.emit('close');
  assert.equal(given.length, 1);
});

test('a buffer is not given back for a response already closed, nor one that no reader wrote', () => {
  const given: ArrayBuffer[] = [];
  const giveBack = (buffer: ArrayBuffer) => given.push(buffer);
  const cutOff = response(true);
  giveBackWhenSent(cutOff, surround(HEAD, receivedItems(structuredClone(itemsWithRoom(ITEMS), { transfer: [] }), giveBack), TAIL));
  cutOff.emit('close');
  const ownBody = Buffer.from(EXPECTED);
  const sent = response();
  giveBackWhenSent(sent, ownBody);
  giveBackWhenSent(undefined, surround(HEAD, receivedItems(structuredClone(itemsWithRoom(ITEMS), { transfer: [] }), giveBack), TAIL));
  sent.emit('close');
  assert.deepEqual(given, []);
  assert.equal(ownBody.toString(), EXPECTED);
});

test('an envelope copied from the items (no room for it) leaves the items to the collector', () => {
  const given: ArrayBuffer[] = [];
  const items = receivedItems(structuredClone(itemsWithRoom(ITEMS), { transfer: [] }), (buffer) => given.push(buffer));
  const copied = surround(HEAD, items, `],"uri":"${'9'.repeat(5_000)}"}`);
  const sent = response();
  giveBackWhenSent(sent, copied);
  sent.emit('close');
  assert.deepEqual(given, []);
});

test('items written as they are made are the joined items, byte for byte, with room for the envelope in place', () => {
  const item = (text: string) => `{"sid":"CA1","caller_name":${JSON.stringify(text)}}`;
  const pages: Record<string, string[]> = {
    'one item': ['Alice'],
    'no item': [],
    'the same length': ['Alice', 'Bobby', 'Carol'],
    'several bytes a character, and a pair of surrogates': ['☎ Zoë', '日本語の名前', 'emoji 😀 here', 'é'.repeat(300)],
    // The buffer is sized from the first item: much longer ones after it make it grow, more than once.
    'far longer than the first': ['a', 'b'.repeat(5_000), 'ü'.repeat(20_000), 'c'.repeat(70_000)],
  };
  for (const [name, texts] of Object.entries(pages)) {
    const written = itemsWrittenAsMade(texts, item);
    assert.equal(Buffer.from(written).toString(), texts.map(item).join(','), name);
    const items = receivedItems(structuredClone(written, { transfer: [] }));
    const whole = surround(HEAD, items, TAIL);
    assert.equal(whole.toString(), `${HEAD}${texts.map(item).join(',')}${TAIL}`, name);
    assert.equal(whole.buffer, items.buffer, `${name}: the envelope written in the items' own buffer`);
  }
});
