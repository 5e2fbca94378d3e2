import type { Kysely } from 'kysely';

/**
 * A message that nothing observes on its way (no StatusCallback, no `<Message action>`, no usage
 * trigger) is `unobserved`: its status, send date and price until it settles are worked out from the
 * clock when it is read, and it is written once, when it settles, instead of at each step.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('unobserved', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
