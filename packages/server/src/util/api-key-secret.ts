import { createHmac, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A key secret as Twilio issues them: 32 letters and digits (about 190 random bits). */
export const newKeySecret = (): string => Array.from({ length: 32 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/**
 * What is stored instead of the secret. A slow password hash protects guessable secrets; these are
 * 190 random bits, beyond any brute force, so a fast hash is as safe and keeps authentication to a
 * lookup (no KDF per request). Keyed with the key's SID, so each stored hash belongs to one key.
 */
export const hashKeySecret = (keySid: string, secret: string): string => createHmac('sha256', keySid).update(secret).digest('hex');
