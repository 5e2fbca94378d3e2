import type { Kysely } from 'kysely';

/**
 * Only a `<Dial>`'s legs have a parent call, and the calls list's ParentCallSid filter and the Console's
 * call thread look for nothing else. Indexing every call kept an entry for each call without a parent
 * (138 MiB of PostgreSQL's 940 MiB of call indexes for a million seeded calls, none of them a leg), and
 * every call created paid for one more B-tree insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('calls_account_parent').execute();
  await db.schema
    .createIndex('calls_account_parent')
    .on('calls')
    .columns(['account_sid', 'parent_call_sid', 'date_created', 'sid'])
    .where('parent_call_sid', 'is not', null)
    .execute();
}
