// List pages read, and written out as JSON, in a worker thread with a connection of its own, on a SQLite
// file and on PostgreSQL: the same bytes as the event loop makes, the writes acknowledged before a
// request on its page, and the event loop's own read when the worker cannot answer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PAGE_ITEMS } from '../../src/api/2010-04-01/page-items.ts';
import type { RunningServer } from '../../src/server.ts';
import type { PageEnds, PageKey, PageQuery } from '../../src/storage/keyset-page.ts';
import { listCallItems, type CallFilters, type ListedCall } from '../../src/storage/repositories/calls.ts';
import { listMessageItems, type MessageFilters } from '../../src/storage/repositories/messages.ts';
import { pageReaderOf, pageReaderThreads, readPagesAcross, readPagesInBackground, readPagesInThreads, registerPageReader, type PageReader } from '../../src/storage/page-reader.ts';
import { openReadingConnection } from '../../src/storage/reading-connection.ts';
import { seedAccount } from '../../src/telephony/seed/seed-account.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { giveNumber, makeAccount } from '../support/fixtures.ts';
import { startTestServer } from '../support/server.ts';
import { twilioClient } from '../support/twilio-client.ts';
import { workerModule, type WorkerModule } from '../../src/util/worker-module.ts';
import { Worker } from 'node:worker_threads';

const SEEDED = 240;
const NUMBER = '+12125550123';
const ALL: CallFilters = { startTime: {}, endTime: {} };

interface Database {
  name: string;
  dialect: 'sqlite' | 'postgres';
  /** Creates the database; returns its URL and what drops it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

/** Runs `step` every 20 ms until it returns true, for at most 10 s; whether it did. */
async function repeatUntil(step: () => Promise<boolean>): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (await step()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** Asks for pages (at once) until every one comes back written out by a thread: pages asked for while a reader's threads start are read on the event loop. */
async function untilThreadsRead(askPages: () => Promise<Array<{ items: string[] | Buffer }>>): Promise<void> {
  const read = await repeatUntil(async () => (await askPages()).every((page) => Buffer.isBuffer(page.items)));
  assert.ok(read, "the reader's threads never started reading");
}

const sqliteFile: Database = {
  name: 'a SQLite file',
  dialect: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-pages-'));
    return { url: join(dir, 'pages.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};
const postgres: Database = { name: 'PostgreSQL', dialect: 'postgres', create: createPostgresDatabase };

for (const database of [sqliteFile, postgres]) describe(`List pages read in a worker thread (${database.name})`, () => {
  let url: string;
  let drop: () => Promise<void>;
  let server: RunningServer;
  let accountSid: string;
  let authToken: string;
  let reader: PageReader;
  before(async () => {
    ({ url, drop } = await database.create());
    server = await startTestServer(url, { background: false });
    const account = await makeAccount(server.deps.db, 'Pages');
    ({ sid: accountSid, auth_token: authToken } = account);
    await seedAccount(server.deps.db, { accountSid, calls: SEEDED, messages: 0, days: 3, seed: 7, now: Date.now() });
    await giveNumber(server.deps.db, accountSid, NUMBER);
    reader = pageReaderOf(server.deps.db) ?? assert.fail(`a server on ${database.name} reads pages in a worker thread`);
    // Asked at once, so that each of the reader's threads starts.
    await untilThreadsRead(() => Promise.all(Array.from({ length: 8 }, () => listCallItems(server.deps.db, accountSid, ALL, { pageSize: 5, cursor: null }, PAGE_ITEMS.calls, Date.now()))));
  });
  after(async () => {
    await server?.close();
    await drop?.();
  });

  /** The same page read through the worker and on the event loop (a transaction's reads never go to the worker). */
  const bothWays = async (filters: CallFilters, page: PageQuery) => {
    const db = server.deps.db;
    let answered = 0;
    const counted: PageReader = {
      async read(job) {
        const page = await reader.read(job);
        if (page) answered++;
        return page;
      },
      queued: () => reader.queued(),
      close: () => reader.close(),
    };
    registerPageReader(db, counted);
    try {
      const viaWorker = await listCallItems(db, accountSid, filters, page, PAGE_ITEMS.calls, Date.now());
      const onLoop = await db.transaction().execute((trx) => listCallItems(trx, accountSid, filters, page, PAGE_ITEMS.calls, Date.now()));
      assert.equal(answered, 1, 'the worker read the page');
      return { viaWorker, onLoop };
    } finally {
      registerPageReader(db, reader);
    }
  };

  test('a page read by the worker is the page read on the event loop, byte for byte, forwards, backwards and filtered', async () => {
    const first = await bothWays(ALL, { pageSize: 50, cursor: null });
    const { first: newestRow, last: oldestRow, count } = first.onLoop.result as PageEnds<ListedCall>;
    const [oldest, newest] = [oldestRow ?? assert.fail('a last call'), newestRow ?? assert.fail('a first call')];
    const seen = await server.deps.db.selectFrom('calls').select(['to', 'status']).where('account_sid', '=', accountSid).execute();
    const to = seen[0]!.to;
    const status = seen[0]!.status;
    const cases: Array<[string, CallFilters, PageQuery]> = [
      ['the next page', ALL, { pageSize: 50, cursor: { direction: 'after', created: oldest.date_created, key: oldest.sid } }],
      ['the page before', ALL, { pageSize: 20, cursor: { direction: 'before', created: oldest.date_created, key: oldest.sid } }],
      ['a page before the first', ALL, { pageSize: 20, cursor: { direction: 'before', created: newest.date_created, key: newest.sid } }],
      ['by status', { ...ALL, status }, { pageSize: 30, cursor: null }],
      ['by number called', { ...ALL, to }, { pageSize: 30, cursor: null }],
      // Shapes whose plan depends on their values (PostgreSQL reads them on connections that plan each page).
      ['by status and number called', { ...ALL, status, to }, { pageSize: 30, cursor: null }],
      ['started at any time', { ...ALL, startTime: { from: 0 } }, { pageSize: 30, cursor: { direction: 'after', created: newest.date_created, key: newest.sid } }],
      ['by Page without a token', ALL, { pageSize: 50, cursor: null, offset: 200 }],
      ['past the last call', ALL, { pageSize: 50, cursor: null, offset: SEEDED }],
      ['one call a page', ALL, { pageSize: 1, cursor: null }],
    ];
    assert.equal(count, 50);
    for (const [name, filters, page] of [['the first page', ALL, { pageSize: 50, cursor: null }] as const, ...cases]) {
      const { viaWorker, onLoop } = await bothWays(filters, page);
      assert.ok(Buffer.isBuffer(viaWorker.items), `${name}: written out by the worker`);
      assert.ok(Array.isArray(onLoop.items), `${name}: written out on the event loop`);
      assert.equal((viaWorker.items as Buffer).toString('utf8'), (onLoop.items as string[]).join(','), name);
      if (name === 'by status and number called' || name === 'started at any time') assert.ok(onLoop.result.count > 0, `${name}: a page with calls on it`);
      // The worker sends its first and last rows' places in the list, all the page's links are made of.
      const placeOf = (row: PageKey | undefined) => row && { date_created: row.date_created, sid: row.sid };
      assert.deepEqual(viaWorker.result, { ...onLoop.result, first: placeOf(onLoop.result.first), last: placeOf(onLoop.result.last) }, name);
    }
  });

  test("a page of messages from the worker shows each message as the event loop does at the request's instant, and when that next changes", async () => {
    const client = twilioClient(server.url, accountSid, authToken);
    const messages = client.api.v2010.accounts(accountSid).messages;
    // Sent through the API with nothing watching them: their status follows from the clock (observed-message.ts).
    for (let i = 0; i < 12; i++) await messages.create({ to: `+1212555${1000 + i}`, from: NUMBER, body: `Hello ${i}: "quoted", \\ and ünicode` });
    const db = server.deps.db;
    const sent = Date.now();
    const all: MessageFilters = { dateSent: {} };
    const firstPage = { pageSize: 5, cursor: null };
    await untilThreadsRead(() => Promise.all(Array.from({ length: 8 }, () => listMessageItems(db, accountSid, all, firstPage, sent, PAGE_ITEMS.messages))));
    const { first, last } = (await listMessageItems(db, accountSid, all, firstPage, sent, PAGE_ITEMS.messages)).result;
    const [newest, oldest] = [first ?? assert.fail('a first message'), last ?? assert.fail('a last message')];
    const cases: Array<[string, MessageFilters, PageQuery]> = [
      ['the first page', all, firstPage],
      ['the next page', all, { pageSize: 5, cursor: { direction: 'after', created: oldest.date_created, key: oldest.sid } }],
      ['the page before', all, { pageSize: 3, cursor: { direction: 'before', created: oldest.date_created, key: oldest.sid } }],
      ['a page before the first', all, { pageSize: 3, cursor: { direction: 'before', created: newest.date_created, key: newest.sid } }],
      ['to one number', { ...all, to: '+12125551003' }, { pageSize: 5, cursor: null }],
      ['sent by the request', { dateSent: { from: 0 } }, { pageSize: 20, cursor: null }],
    ];
    const placeOf = (row: PageKey | undefined) => row && { date_created: row.date_created, sid: row.sid };
    const firstPages: string[] = [];
    let changing = 0;
    for (const at of [sent, sent + 1_500, sent + 30_000, sent + 3_600_000]) {
      for (const [name, filters, page] of cases) {
        const label = `${name}, ${at - sent} ms after sending`;
        const viaWorker = await listMessageItems(db, accountSid, filters, page, at, PAGE_ITEMS.messages);
        const onLoop = await db.transaction().execute((trx) => listMessageItems(trx, accountSid, filters, page, at, PAGE_ITEMS.messages));
        assert.ok(Buffer.isBuffer(viaWorker.items), `${label}: written out by the worker`);
        assert.equal(viaWorker.items.toString('utf8'), (onLoop.items as string[]).join(','), label);
        assert.equal(viaWorker.seenChangeAt, onLoop.seenChangeAt, `${label}: when it next changes`);
        assert.deepEqual(viaWorker.result, { ...onLoop.result, first: placeOf(onLoop.result.first), last: placeOf(onLoop.result.last) }, label);
        if (onLoop.seenChangeAt !== null) changing++;
        if (name === 'the first page') firstPages.push(viaWorker.items.toString('utf8'));
      }
    }
    assert.ok(changing > 0, 'pages with messages still in flight say when they next change');
    assert.notEqual(firstPages[0], firstPages[3], 'an hour on, the same page shows its messages settled');
  });

  test('pages asked for all at once each come back with their own calls', async () => {
    const seen = await server.deps.db.selectFrom('calls').select(['to', 'status']).where('account_sid', '=', accountSid).execute();
    const asked: Array<[CallFilters, PageQuery]> = [
      ...Array.from({ length: 12 }, (_, i): [CallFilters, PageQuery] => [ALL, { pageSize: 7 + i, cursor: null, offset: i * 17 }]),
      ...seen.slice(0, 8).map(({ to, status }, i): [CallFilters, PageQuery] => [i % 2 ? { ...ALL, to } : { ...ALL, status }, { pageSize: 5, cursor: null }]),
    ];
    const db = server.deps.db;
    // PostgreSQL's reader has several queries in flight, and answers each as it is read.
    const viaWorker = await Promise.all(asked.map(([filters, page]) => listCallItems(db, accountSid, filters, page, PAGE_ITEMS.calls, Date.now())));
    for (const [i, [filters, page]] of asked.entries()) {
      const onLoop = await db.transaction().execute((trx) => listCallItems(trx, accountSid, filters, page, PAGE_ITEMS.calls, Date.now()));
      assert.ok(Buffer.isBuffer(viaWorker[i]!.items), `page ${i}: written out by the worker`);
      assert.equal((viaWorker[i]!.items as Buffer).toString('utf8'), (onLoop.items as string[]).join(','), `page ${i}`);
    }
  });

  test("the worker's connection only reads", async () => {
    const connection = openReadingConnection({ dialect: database.dialect, url });
    try {
      assert.equal(((await connection.rows('select count(*) as n from calls', [])) as Array<{ n: number | string }>).length, 1);
      await assert.rejects(connection.rows('delete from calls returning sid', []), /read-only|readonly/);
    } finally {
      await connection.close();
    }
    const left = await server.deps.db.selectFrom('calls').select('sid').where('account_sid', '=', accountSid).execute();
    assert.ok(left.length >= SEEDED, 'no call was deleted');
  });

  test('twilio-node pages through the calls the worker reads, newest first, each once', async () => {
    const client = twilioClient(server.url, accountSid, authToken);
    const calls = await client.api.v2010.accounts(accountSid).calls.list({ pageSize: 50 });
    assert.equal(calls.length, SEEDED);
    assert.equal(new Set(calls.map((c) => c.sid)).size, SEEDED);
    const created = calls.map((c) => c.dateCreated.getTime());
    assert.deepEqual(created, [...created].sort((a, b) => b - a));
  });

  test('a call created just before a page is asked for is on it, though the page was answered before', async () => {
    const client = twilioClient(server.url, accountSid, authToken);
    const calls = client.api.v2010.accounts(accountSid).calls;
    const before = await calls.page({ pageSize: 5 });
    const call = await calls.create({ to: '+12125550100', from: NUMBER, url: 'https://app.example.com/twiml' });
    const after = await calls.page({ pageSize: 5 });
    assert.notEqual(before.instances[0]!.sid, call.sid);
    assert.equal(after.instances[0]!.sid, call.sid);
  });

  test("each page's buffer goes back to its thread once its answer is sent, but not an answer kept to be served again", async () => {
    const db = server.deps.db;
    const given: ArrayBuffer[] = [];
    const watching: PageReader = {
      async read(job) {
        const page = await reader.read(job);
        const giveBack = page?.giveBack;
        if (page && giveBack) {
          page.giveBack = (buffer) => {
            given.push(buffer);
            giveBack(buffer);
          };
        }
        return page;
      },
      queued: () => reader.queued(),
      close: () => reader.close(),
    };
    const sent = async (count: number) => {
      for (let waited = 0; given.length < count && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      return given.length;
    };
    registerPageReader(db, watching);
    try {
      const calls = twilioClient(server.url, accountSid, authToken).api.v2010.accounts(accountSid).calls;
      // Sixteen pages no other test asked for, each asked for once (an answer asked for twice is kept): more than one batch of buffers handed back.
      for (let size = 101; size <= 116; size++) {
        const page = await calls.page({ pageSize: size });
        assert.equal(page.instances.length, size);
      }
      assert.equal(await sent(16), 16, 'every page given back once sent');
      assert.ok(given.filter((buffer) => buffer.byteLength === 0).length >= 8, 'the buffers handed back are detached here: nothing here reads them again');

      // The same request three times: the second answer is kept, and the third is served from it, whole.
      const ask = () => fetch(`${server.url}/2010-04-01/Accounts/${accountSid}/Calls.json?PageSize=117`, { headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` } });
      const bodies: string[] = [];
      for (let i = 0; i < 3; i++) bodies.push(await (await ask()).text());
      await sent(17);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(given.length, 17, 'the kept answer was not given back');
      assert.equal(bodies[2], bodies[1]);
      assert.equal(JSON.parse(bodies[2]!).calls.length, 117);
      // More pages, so that the last batch goes back and detaches what it holds: the kept answer stays whole.
      for (let size = 118; size <= 134; size++) await calls.page({ pageSize: size });
      await sent(34);
      assert.equal(await (await ask()).text(), bodies[1]);
    } finally {
      registerPageReader(db, reader);
    }
  });

  test("pages asked for at once are shared among the reader's threads, and a stopped thread's share goes to the others", async () => {
    const db = server.deps.db;
    const target = { dialect: database.dialect, url };
    const threads = [0, 1].map(() => {
      const thread = readPagesInBackground(target, workerModule('api/2010-04-01/page-items.worker'));
      const counted = { answered: 0, thread };
      const counting: PageReader = {
        async read(job) {
          const page = await thread.read(job);
          if (page) counted.answered++;
          return page;
        },
        queued: () => thread.queued(),
        close: () => thread.close(),
      };
      return { counted, counting };
    });
    const across = readPagesAcross(threads.map((t) => t.counting));
    registerPageReader(db, across);
    const askPages = (count: number) =>
      Promise.all(Array.from({ length: count }, (_, i) => listCallItems(db, accountSid, ALL, { pageSize: 5, cursor: null, offset: i * 5 }, PAGE_ITEMS.calls, Date.now())));
    try {
      await untilThreadsRead(() => askPages(10));
      for (const t of threads) t.counted.answered = 0;
      const pages = await askPages(10);
      assert.ok(pages.every((page) => Buffer.isBuffer(page.items)), 'every page was written out by a thread');
      assert.deepEqual(threads.map((t) => t.counted.answered > 0), [true, true], `each thread read some of the pages (${threads.map((t) => t.counted.answered)})`);
      assert.equal(threads[0]!.counted.answered + threads[1]!.counted.answered, 10);

      await threads[0]!.counted.thread.close();
      assert.equal(across.queued(), 0, 'the other thread still reads');
      const later = await askPages(6);
      assert.ok(later.every((page) => Buffer.isBuffer(page.items)), 'the running thread read them, not the event loop');
      assert.equal(threads[1]!.counted.answered + threads[0]!.counted.answered, 16);
    } finally {
      registerPageReader(db, reader);
      await across.close();
    }
  });

  test('a thread left with no page to read stops, without a warning, and the next page starts another', async (t) => {
    const warn = t.mock.method(console, 'warn', () => undefined);
    const db = server.deps.db;
    const started: Worker[] = [];
    const module = workerModule('api/2010-04-01/page-items.worker');
    const watched: WorkerModule = {
      start(options) {
        const worker = module.start(options);
        started.push(worker);
        return worker;
      },
    };
    const thread = readPagesInBackground({ dialect: database.dialect, url }, watched, { idleMs: 1_000 });
    registerPageReader(db, thread);
    const askPage = async () => [await listCallItems(db, accountSid, ALL, { pageSize: 5, cursor: null }, PAGE_ITEMS.calls, Date.now())];
    try {
      await untilThreadsRead(askPage);
      assert.equal(started.length, 1);
      const exited = new Promise((resolve) => started[0]!.once('exit', resolve));
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.ok(Buffer.isBuffer((await askPage())[0]!.items), 'read by the thread');
      }
      assert.equal(started.length, 1, 'pages asked for less than a second apart keep the thread');
      await exited;
      const [whileStarting] = await askPage();
      assert.ok(Array.isArray(whileStarting!.items), 'the page after it stopped is read here while another thread starts');
      await untilThreadsRead(askPage);
      assert.equal(started.length, 2);
      const onLoop = await db.transaction().execute((trx) => listCallItems(trx, accountSid, ALL, { pageSize: 5, cursor: null }, PAGE_ITEMS.calls, Date.now()));
      assert.equal(((await askPage())[0]!.items as Buffer).toString('utf8'), (onLoop.items as string[]).join(','), 'the new thread reads the same page');
      assert.equal(warn.mock.callCount(), 0, 'a thread stopped for want of pages is no failure');
    } finally {
      registerPageReader(db, reader);
      await thread.close();
    }
  });

  test('a reader whose threads cannot start leaves its pages to the event loop, and says so once', async (t) => {
    const warn = t.mock.method(console, 'warn', () => undefined);
    const db = server.deps.db;
    const broken = readPagesInThreads({ dialect: database.dialect, url }, workerModule('storage/no-such-module.worker'), 2);
    registerPageReader(db, broken);
    const askTwice = async () => {
      // Asked at once: the first thread takes them while it starts, and the second once the first has stopped.
      const pages = await Promise.all([0, 1].map(() => listCallItems(db, accountSid, ALL, { pageSize: 10, cursor: null }, PAGE_ITEMS.calls, Date.now())));
      for (const page of pages) {
        assert.ok(Array.isArray(page.items));
        assert.equal(page.items.length, 10);
      }
    };
    try {
      // The threads fail as they start, after the first pages were read here.
      await repeatUntil(async () => {
        await askTwice();
        return warn.mock.callCount() > 0;
      });
      for (let i = 0; i < 2; i++) await askTwice();
      assert.equal(warn.mock.callCount(), 1);
      assert.match(String(warn.mock.calls[0]!.arguments[0]), /page reader stopped .*read on the main thread/);
    } finally {
      registerPageReader(db, reader);
      await broken.close();
    }
  });
});

test('a server reads pages in a thread for each core that each of its processes has, from one to four', () => {
  assert.equal(pageReaderThreads(1, 1), 1);
  assert.equal(pageReaderThreads(1, 2), 2);
  assert.equal(pageReaderThreads(2, 2), 1, 'serve --workers 2 on two cores');
  assert.equal(pageReaderThreads(3, 2), 1, 'more processes than cores');
  assert.equal(pageReaderThreads(2, 8), 4);
  assert.equal(pageReaderThreads(1, 32), 4);
});

test("closing a reader answers the pages its thread left unanswered, so that their callers read them", async () => {
  // A thread that takes pages and never answers them, and exits when told to stop.
  const silent: WorkerModule = {
    start: (options) =>
      new Worker("const { parentPort } = require('node:worker_threads'); parentPort.postMessage('ready'); parentPort.on('message', (m) => { if (m === 'stop') process.exit(0); });", { ...options, eval: true }),
  };
  const thread = readPagesInBackground({ dialect: 'sqlite', url: 'never opened' }, silent, { warnOfStop: () => assert.fail('a stop asked for is no failure') });
  const job = { sql: 'select 1', parameters: [], pageSize: 5, reverse: false, items: 'calls', onePlan: true, now: Date.now() };
  let waiting: Promise<unknown> | undefined;
  // Pages asked for while the thread starts come back unanswered at once; the first one after goes to it.
  const taken = await repeatUntil(async () => {
    const page = thread.read(job);
    if (thread.queued() > 0) {
      waiting = page;
      return true;
    }
    await page;
    return false;
  });
  assert.ok(taken, 'the thread never took a page');
  await thread.close();
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise((resolve) => (timer = setTimeout(() => resolve('never answered'), 5_000)));
  const answered = await Promise.race([waiting, never]);
  clearTimeout(timer);
  assert.equal(answered, undefined, 'answered unread once the thread has exited');
  assert.equal(await thread.read(job), undefined, 'a closed reader reads nothing');
});
