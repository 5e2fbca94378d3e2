import type { Migration, MigrationProvider } from 'kysely';
import * as accountsAndConnect from './0001-accounts-and-connect.ts';
import * as telephony from './0002-telephony.ts';
import * as consoleAndOutbox from './0003-console-and-outbox.ts';
import * as fidelity from './0004-fidelity.ts';
import * as testControls from './0006-test-controls.ts';
import * as callbacks from './0007-callbacks.ts';
import * as accountClocks from './0008-account-clocks.ts';
import * as conferencesAndQueues from './0012-conferences-and-queues.ts';
import * as connectActivity from './0010-connect-activity.ts';
import * as restResources from './0014-rest-resources.ts';
import * as sip from './0013-sip.ts';
import * as twimlCallbacks from './0015-twiml-callbacks.ts';
import * as inFlightIndexes from './0016-in-flight-indexes.ts';
import * as unobservedMessages from './0017-unobserved-messages.ts';
import * as dialLegsIndex from './0018-dial-legs-index.ts';
import * as rareRowsIndexes from './0019-rare-rows-indexes.ts';
import * as connectActivityDaily from './0020-connect-activity-daily.ts';

/** Migrations in order; the same set runs on SQLite and PostgreSQL. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts-and-connect': accountsAndConnect,
  '0002-telephony': telephony,
  '0003-console-and-outbox': consoleAndOutbox,
  '0004-fidelity': fidelity,
  '0006-test-controls': testControls,
  '0007-callbacks': callbacks,
  '0008-account-clocks': accountClocks,
  '0010-connect-activity': connectActivity,
  '0012-conferences-and-queues': conferencesAndQueues,
  '0013-sip': sip,
  '0014-rest-resources': restResources,
  '0015-twiml-callbacks': twimlCallbacks,
  '0016-in-flight-indexes': inFlightIndexes,
  '0017-unobserved-messages': unobservedMessages,
  '0018-dial-legs-index': dialLegsIndex,
  '0019-rare-rows-indexes': rareRowsIndexes,
  '0020-connect-activity-daily': connectActivityDaily,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
