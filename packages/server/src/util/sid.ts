import { randomBytes, randomFillSync } from 'node:crypto';

// SIDs are not secrets, and one call to the random source per SID costs far more than the SID's
// other work (seeding a million calls spent most of its time there): draw them 256 at a time.
const SID_BYTES = 16;
const pool = Buffer.allocUnsafe(SID_BYTES * 256);
let poolOffset = pool.length;

/** Every SID is a two-letter prefix and 32 lowercase hex digits. */
export function newSid(prefix: string): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += SID_BYTES;
  return prefix + pool.toString('hex', poolOffset - SID_BYTES, poolOffset);
}

const SID_BODY = /^[0-9a-fA-F]{32}$/;

export const isSid = (prefix: string, value: string): boolean =>
  value.length === 34 && value.startsWith(prefix) && SID_BODY.test(value.slice(2));

export const newAuthToken = (): string => randomBytes(16).toString('hex');
