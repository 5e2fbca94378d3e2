import { newSid } from '../util/sid.ts';

/**
 * `RQ` + the instant in 12 hex digits + 20 random ones: entries arrive in time order, so their keys are
 * appended to the primary-key index instead of landing all over it, which keeps batched inserts cheap.
 */
export const activitySid = (at: number): string => `RQ${Math.max(0, at).toString(16).padStart(12, '0').slice(-12)}${newSid('').slice(12)}`;
