import { randomBytes } from 'node:crypto';

/**
 * A fresh `state` for the Connect button: 256 random bits, base64url (43 URL-safe characters). Store it
 * in the user's session and hand it to `parseAuthorizeCallback` so a forged callback is refused.
 */
export const createState = (): string => randomBytes(32).toString('base64url');
