// The live credential decoys kept in memory: an ordinary Slack message costs no query, a change made through this core
// applies at once, and one made by another replica (or the CLI, another process) within LIVE_CREDENTIALS_REFRESH_MS.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/core.js';
import { LIVE_CREDENTIALS_REFRESH_MS } from '../../../src/core/decoys/cache.js';
import type { Db } from '../../../src/db/types.js';
import { ADMIN, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ reviewRequired: [] });
});
afterEach(async () => {
  await t.close();
});

const admin = slackUser(ADMIN);
const cli = { id: 'operator', source: 'cli' } as const;
const ORDINARY = 'Could someone look at the deploy logs for the payments service, please?';
let ts = 0;
const message = (text: string) => ({ text, user: 'U0PASTER1', channel: 'C0GENERAL', ts: `1764000000.${String(++ts).padStart(6, '0')}` });

/** The test database, counting what is asked of it; with `refuse` set, any use throws. */
function watchedDb(db: Db) {
  const watch = { queries: 0, refuse: false };
  const USES = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete', 'execute', 'transaction', 'query', 'with', '$count']);
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && USES.has(prop)) {
        if (watch.refuse) throw new Error(`the message path used the database (${prop})`);
        watch.queries += 1;
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { db: proxy, watch };
}

describe('an ordinary message', () => {
  it('makes no database query once the live credentials are loaded, and trips a pasted one', async () => {
    const { credential } = await t.core.decoys.register(admin, { name: 'aws-backup', kind: 'credential' });
    const { db, watch } = watchedDb(t.database.db);
    const replica = createCore({ ...t.deps, db });
    await replica.decoys.loadLiveCredentials();
    expect(watch.queries).toBe(1);
    watch.refuse = true;
    for (let i = 0; i < 20; i += 1) expect(await replica.decoys.tripFromMessage(message(`${ORDINARY} ${i}`))).toEqual([]);
    // Just short of the refresh: still no query.
    t.clock.advance(LIVE_CREDENTIALS_REFRESH_MS - 1);
    expect(await replica.decoys.tripFromMessage(message(ORDINARY))).toEqual([]);
    watch.refuse = false;
    const [hit] = await replica.decoys.tripFromMessage(message(`here: ${credential}`));
    expect(hit).toMatchObject({ decoy: { name: 'aws-backup' }, declared: true });
  });

  it('reads the list once per refresh interval, however many messages arrive at once', async () => {
    const { db, watch } = watchedDb(t.database.db);
    const replica = createCore({ ...t.deps, db });
    await Promise.all(Array.from({ length: 10 }, (_, i) => replica.decoys.tripFromMessage(message(`${ORDINARY} ${i}`))));
    expect(watch.queries).toBe(1);
    t.clock.advance(LIVE_CREDENTIALS_REFRESH_MS);
    await Promise.all(Array.from({ length: 10 }, (_, i) => replica.decoys.tripFromMessage(message(`${ORDINARY} ${i}`))));
    expect(watch.queries).toBe(2);
  });

  it('needs no query for a decoy URL request that presents no credential', async () => {
    const { db, watch } = watchedDb(t.database.db);
    const replica = createCore({ ...t.deps, db });
    const { credential } = await replica.decoys.register(admin, { name: 'ci-key', kind: 'credential' });
    await replica.decoys.loadLiveCredentials();
    watch.refuse = true;
    // The path token is still looked up (tripFromRequest records it), the headers are checked in memory.
    await expect(replica.decoys.tripFromRequest({ token: 'x', method: 'GET', source: '203.0.113.7', headers: { authorization: 'Bearer nothing' } })).rejects.toThrow(
      /used the database \(transaction\)/,
    );
    watch.refuse = false;
    const hits = await replica.decoys.tripFromRequest({ token: 'x', method: 'GET', source: '203.0.113.7', headers: { authorization: `Bearer ${credential}` } });
    expect(hits.map((h) => h.decoy.name)).toEqual(['ci-key']);
  });
});

describe('changes made through this core', () => {
  it('a registered credential trips at once, a retired one stops at once', async () => {
    await t.core.decoys.tripFromMessage(message(ORDINARY));
    const { credential } = await t.core.decoys.register(admin, { name: 'aws-backup', kind: 'credential' });
    expect(await t.core.decoys.tripFromMessage(message(`key ${credential}`))).toHaveLength(1);
    await t.core.decoys.retire(admin, 'aws-backup');
    expect(await t.core.decoys.tripFromMessage(message(`key ${credential}`))).toEqual([]);
  });
});

describe('changes made by another replica or the CLI', () => {
  it('a credential registered elsewhere trips once the refresh interval has passed, never later', async () => {
    const bot = t.core;
    const other = createCore({ ...t.deps });
    // The bot has read the list (it holds no credential yet).
    expect(await bot.decoys.tripFromMessage(message(ORDINARY))).toEqual([]);
    t.clock.advance(1_000);
    const { credential } = await other.decoys.register(cli, { name: 'aws-backup', kind: 'credential' });
    const pasted = `key ${credential}`;
    // Within the interval the bot's copy may not have it yet: that is the documented delay.
    expect(await bot.decoys.tripFromMessage(message(pasted))).toEqual([]);
    t.clock.advance(LIVE_CREDENTIALS_REFRESH_MS - 1_000);
    const [hit] = await bot.decoys.tripFromMessage(message(pasted));
    expect(hit).toMatchObject({ decoy: { name: 'aws-backup' }, declared: true });
  });

  it('a clock set back does not keep the copy fresh for longer than the interval', async () => {
    const other = createCore({ ...t.deps });
    expect(await t.core.decoys.tripFromMessage(message(ORDINARY))).toEqual([]);
    const { credential } = await other.decoys.register(cli, { name: 'aws-backup', kind: 'credential' });
    t.clock.advance(-60_000);
    expect(await t.core.decoys.tripFromMessage(message(`key ${credential}`))).toHaveLength(1);
  });

  it('a credential retired elsewhere stops at once, before the interval has passed', async () => {
    const bot = t.core;
    const other = createCore({ ...t.deps });
    const { credential } = await other.decoys.register(cli, { name: 'aws-backup', kind: 'credential' });
    expect(await bot.decoys.tripFromMessage(message(`key ${credential}`))).toHaveLength(1);
    await other.decoys.retire(cli, 'aws-backup');
    // The bot's copy still names it; the hit is re-checked against the database and nothing is recorded.
    expect(await bot.decoys.tripFromMessage(message(`again ${credential}`))).toEqual([]);
    t.clock.advance(LIVE_CREDENTIALS_REFRESH_MS);
    expect(await bot.decoys.tripFromMessage(message(`and again ${credential}`))).toEqual([]);
  });

  it('a credential re-registered under a retired name elsewhere is a new token the bot learns within the interval', async () => {
    const bot = t.core;
    const other = createCore({ ...t.deps });
    const first = await other.decoys.register(cli, { name: 'aws-backup', kind: 'credential' });
    expect(await bot.decoys.tripFromMessage(message(`key ${first.credential}`))).toHaveLength(1);
    await other.decoys.retire(cli, 'aws-backup');
    const second = await other.decoys.register(cli, { name: 'aws-backup', kind: 'credential' });
    t.clock.advance(LIVE_CREDENTIALS_REFRESH_MS);
    const hits = await bot.decoys.tripFromMessage(message(`old ${first.credential} new ${second.credential}`));
    expect(hits.map((h) => h.decoy.id)).toEqual([second.decoy.id]);
  });
});
