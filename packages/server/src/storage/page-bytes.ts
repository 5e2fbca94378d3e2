/**
 * A page's items as a page reader writes them (page-reader.ts): UTF-8 in a buffer of their own, with room
 * left before and after them, so that the list envelope's head and paging fields are written around the
 * items instead of the page being copied into a new buffer with them (paging.ts).
 */
const ROOM_BEFORE = 64;
/** Paging fields took 450–774 bytes on the 202 Calls pages the bench keeps (page tokens, Status and To filters); longer ones, with long filter values, are copied. */
const ROOM_AFTER = 4096;

/** Buffers received from a page reader whose room is still free. */
const roomy = new WeakSet<ArrayBufferLike>();

/** Takes a page's buffer back to the thread that wrote it, which frees it (page-reader.ts). */
export type GiveBack = (buffer: ArrayBuffer) => void;

/** Buffers received from a page reader and not yet promised back: where each goes once its answer is sent. */
const returnable = new WeakMap<ArrayBufferLike, GiveBack>();

/** The items' text as UTF-8 with room around it, in a buffer of its own (never a slice of Buffer's shared pool) that can be transferred. */
export function itemsWithRoom(text: string): Uint8Array {
  const length = Buffer.byteLength(text);
  const whole = Buffer.allocUnsafeSlow(ROOM_BEFORE + length + ROOM_AFTER);
  whole.write(text, ROOM_BEFORE);
  return new Uint8Array(whole.buffer, ROOM_BEFORE, length);
}

/**
 * Each row's item, comma-separated, written as UTF-8 into a buffer of its own with room around them, as
 * soon as it is made: the page's item strings die one by one, where a join kept them all, and the joined
 * text too, alive until the page was written. The buffer is sized from the first item (a quarter more
 * for the others, which may be longer), and grown by copying when an item might not fit.
 */
export function itemsWrittenAsMade<Row>(rows: readonly Row[], item: (row: Row) => string): Uint8Array {
  if (rows.length === 0) return itemsWithRoom('');
  const first = item(rows[0]!);
  const guess = Math.ceil(Buffer.byteLength(first) * rows.length * 1.25);
  let whole = Buffer.allocUnsafeSlow(ROOM_BEFORE + guess + ROOM_AFTER);
  let end = ROOM_BEFORE + whole.write(first, ROOM_BEFORE);
  for (let i = 1; i < rows.length; i++) {
    const text = item(rows[i]!);
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const most = 1 + text.length * 3;
    if (end + most + ROOM_AFTER > whole.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * whole.length, end + most + ROOM_AFTER));
      whole.copy(bigger, 0, 0, end);
      whole = bigger;
    }
    whole[end++] = 0x2c; // ','
    end += whole.write(text, end);
  }
  return new Uint8Array(whole.buffer, ROOM_BEFORE, end - ROOM_BEFORE);
}

/** Items received from a page reader, as a Buffer whose room `surround` may write into. */
export function receivedItems(items: Uint8Array, giveBack?: GiveBack): Buffer {
  roomy.add(items.buffer);
  if (giveBack) returnable.set(items.buffer, giveBack);
  return Buffer.from(items.buffer, items.byteOffset, items.byteLength);
}

/** `head`, the items, then `tail`, as one buffer: written in the room around the items where they have it, copied otherwise. */
export function surround(head: string, items: Buffer, tail: string): Buffer {
  const headLength = Buffer.byteLength(head);
  const tailLength = Buffer.byteLength(tail);
  const before = items.byteOffset;
  const after = items.buffer.byteLength - items.byteOffset - items.byteLength;
  if (!roomy.has(items.buffer) || before < headLength || after < tailLength) return Buffer.concat([Buffer.from(head), items, Buffer.from(tail)]);
  // Once only: a second envelope around the same items would overwrite the first one's answer.
  roomy.delete(items.buffer);
  const whole = Buffer.from(items.buffer, before - headLength, headLength + items.byteLength + tailLength);
  whole.write(head, 0);
  whole.write(tail, headLength + items.byteLength);
  return whole;
}

/**
 * Gives `body`'s buffer back to the page reader that wrote it once `response` has closed: sent or cut
 * off, nothing still writes from it then. Left to the collector, these buffers piled up between the
 * event loop's collections (tens of MiB, each page 100 KiB) and V8 answered with full mark-compacts.
 * Giving it back detaches it here, so anything that still held it would read nothing, never a later
 * page; an answer that is also kept (the response cache) is never given back. Once only, and not for a
 * response that has already closed.
 */
export function giveBackWhenSent(response: { destroyed: boolean; once(event: 'close', listener: () => void): unknown } | undefined, body: Buffer): void {
  const giveBack = returnable.get(body.buffer);
  if (!giveBack || !response || response.destroyed) return;
  returnable.delete(body.buffer);
  response.once('close', () => giveBack(body.buffer as ArrayBuffer));
}
