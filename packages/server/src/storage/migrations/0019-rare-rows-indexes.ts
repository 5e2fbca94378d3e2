import type { Kysely } from 'kysely';

/**
 * Two lookups of rare rows that read through common ones to find them.
 * - The webhook dispatcher's claim, every poll: a delivery never tried is due at once (`attempts = 0`),
 *   and with that column in no index the claim read every pending delivery, those waiting out their
 *   backoff too (an app down for a while leaves thousands).
 * - A Connect App's denials on its developer's Console page: they were found by walking the app's
 *   requests newest first, row by row. A request that failed has an error code, and only those are
 *   indexed, so the index stays as small as the failures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('webhook_deliveries_untried').on('webhook_deliveries').columns(['status', 'attempts', 'next_attempt_at']).execute();
  await db.schema
    .createIndex('connect_activity_app_errors')
    .on('connect_activity')
    .columns(['connect_app_sid', 'error_code', 'date_created', 'sid'])
    .where('error_code', 'is not', null)
    .execute();
}
