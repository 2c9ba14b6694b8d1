// The README's least-privilege set-up, run as written: the owner migrates, the SQL block from the README creates the
// bot's role, and the bot works as that role (start-up migration check, declaring, notes, reviews, decoys) while it
// cannot change or erase the timeline, nor switch off the trigger that guards it. Postgres only: roles and grants
// are what is tested, and PGlite has one superuser.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { Database } from '../../src/db/types.js';
import { ADMIN, RESPONDER, slackUser, testCore } from '../support/core.js';
import { backend, createPostgresDatabase, dbErrorOf, dropPostgresDatabase, TEST_DATABASE_URL } from '../support/db.js';

const README = new URL('../../README.md', import.meta.url);

/** The README's SQL block that creates the bot's role, for this database and a role of the test's own. */
function readmeGrants(database: string, role: string): string {
  const blocks = [...readFileSync(README, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.includes('CREATE ROLE rampart_bot'));
  if (!block) throw new Error('README.md has no ```sql block creating the rampart_bot role');
  return block.replaceAll('rampart_bot', role).replace('ON DATABASE rampart ', `ON DATABASE ${database} `);
}

describe.skipIf(backend !== 'postgres')('the bot as the README’s least-privilege role', () => {
  const role = `rampart_bot_${randomBytes(4).toString('hex')}`;
  let ownerUrl: string;
  let owner: Database;
  let t: Awaited<ReturnType<typeof testCore>>;

  beforeAll(async () => {
    ownerUrl = await createPostgresDatabase();
    owner = await openDatabase({ kind: 'postgres', url: ownerUrl, max: 2 });
    const name = new URL(ownerUrl).pathname.slice(1);
    await owner.db.execute(sql.raw(readmeGrants(name, role)));
    const botUrl = new URL(ownerUrl);
    botUrl.username = role;
    botUrl.password = 'change-me';
    // Opening runs the start-up migration check as the bot: it must pass without owning anything.
    const botDb = await openDatabase({ kind: 'postgres', url: botUrl.toString(), max: 3 });
    t = await testCore({ database: { ...botDb, url: botUrl.toString() }, admins: [ADMIN] });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await owner?.close();
    if (ownerUrl) await dropPostgresDatabase(ownerUrl);
    // The role's grants lived in the dropped database, so nothing else holds it.
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop role if exists ${role}`);
    await admin.end();
  });

  it('connects as the role, not as the owner', async () => {
    const r = await t.database.db.execute(sql`select current_user as who`);
    expect((r as unknown as { rows: { who: string }[] }).rows[0]!.who).toBe(role);
  });

  it('does the bot’s work: declare, note, status, review, decoy register and hit, verify', async () => {
    const responder = slackUser(RESPONDER);
    await t.core.declare(responder, { title: 'Invoice phishing', severity: 'sev2' });
    await t.core.addNote(responder, 'INC-1', 'finance opened the mail');
    await t.core.changeStatus(responder, 'INC-1', 'investigating', 'checking the gateway');
    const review = { summary: 's', impact: 'i', rootCause: 'r', wentWell: 'w', wentWrong: 'x', lessons: 'l', actionItems: [] };
    await t.core.reviews.save(responder, 'INC-1', review);
    const { decoy } = await t.core.decoys.register(slackUser(ADMIN), { name: 'payroll-sheet', kind: 'url' });
    const hits = await t.core.decoys.tripFromRequest({ token: decoy.token, method: 'GET', source: '192.0.2.7', headers: { 'user-agent': 'curl/8' } });
    expect(hits).toHaveLength(1);
    const { verification } = await t.core.verify(responder, 'INC-1');
    expect(verification).toMatchObject({ ok: true, events: 4, unhashed: 0 });
  });

  it('cannot update, delete or truncate the timeline or the reviews', async () => {
    const db = t.database.db;
    for (const table of ['timeline_events', 'incident_reviews']) {
      expect(await dbErrorOf(db.execute(sql.raw(`update ${table} set incident_id = incident_id`)))).toMatch(/permission denied/);
      expect(await dbErrorOf(db.execute(sql.raw(`delete from ${table}`)))).toMatch(/permission denied/);
      expect(await dbErrorOf(db.execute(sql.raw(`truncate ${table}`)))).toMatch(/permission denied/);
    }
  });

  it('cannot switch off the append-only trigger, as the owner could', async () => {
    expect(await dbErrorOf(t.database.db.execute(sql`alter table timeline_events disable trigger user`))).toMatch(/must be owner/);
  });
});
