// The timeline's hash chain on PGlite and Postgres: written by every append, and verification catches rows edited,
// deleted or slipped in behind the application's back (the append-only trigger disabled, as a superuser could).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { timelineEvents } from '../../../src/db/schema.js';
import { eventHash } from '../../../src/core/timeline/hash.js';
import { verifyIncident } from '../../../src/core/timeline/verify.js';
import { renderReport } from '../../../src/core/reports/formats/index.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';
import { backend } from '../../support/db.js';
import { collect } from '../../support/report-fixture.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const responder = slackUser(RESPONDER);

/** A worked incident of six events: declaration, a back-dated note, status, severity, a role and a correction. */
async function workedIncident(): Promise<number> {
  const { incident } = await t.core.declare(responder, { title: 'Invoice phishing', severity: 'sev2' });
  await t.core.addNote(responder, 'INC-1', 'at 09:30 first mail opened by finance');
  await t.core.changeStatus(responder, 'INC-1', 'investigating', 'checking the gateway');
  await t.core.changeSeverity(responder, 'INC-1', 'sev1');
  await t.core.assignRole(responder, 'INC-1', 'scribe', 'U0SCRIBE');
  await t.core.addCorrection(responder, 'INC-1', 2, 'it was 09:20');
  return incident.id;
}

const rowsOf = (incidentId: number) =>
  t.database.db.select().from(timelineEvents).where(eq(timelineEvents.incidentId, incidentId)).orderBy(asc(timelineEvents.seq));

/** Runs a statement with the append-only trigger off, as someone with the table owner's rights could. */
async function behindTheBack(statement: SQL): Promise<void> {
  await t.database.db.execute(sql`alter table timeline_events disable trigger user`);
  try {
    await t.database.db.execute(statement);
  } finally {
    await t.database.db.execute(sql`alter table timeline_events enable trigger user`);
  }
}

describe('timeline hash chain', () => {
  it('chains a declaration from a reported message: its two first events, written together, link and verify', async () => {
    const sourceMessage = { channel: 'C0GENERAL', ts: '1700000000.000100', author: 'U0FINANCE', text: 'odd invoice mail', permalink: null };
    const { incident } = await t.core.declare(responder, { title: 'Reported invoice mail', sourceMessage });
    const rows = await rowsOf(incident.id);
    expect(rows.map((r) => [r.seq, r.kind])).toEqual([
      [1, 'incident_declared'],
      [2, 'message_reported'],
    ]);
    expect(rows[0]!.prevHash).toBeNull();
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    for (const row of rows) expect(row.hash).toBe(eventHash(row, row.prevHash));
    expect(await verifyIncident(t.database.db, incident.id)).toEqual({ ok: true, events: 2, unhashed: 0 });
  });

  it('links every event to the one before and verifies intact', async () => {
    const id = await workedIncident();
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(6);
    rows.forEach((row, i) => {
      expect(row.prevHash).toBe(i === 0 ? null : rows[i - 1]!.hash);
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.hash).toBe(eventHash(row, row.prevHash));
    });
    expect(await verifyIncident(t.database.db, id)).toEqual({ ok: true, events: 6, unhashed: 0 });
    // Pages of 2 give the same answer: the chain carries across page boundaries.
    expect(await verifyIncident(t.database.db, id, 2)).toEqual({ ok: true, events: 6, unhashed: 0 });
    const { verification } = await t.core.verify(responder, 'INC-1');
    expect(verification.ok).toBe(true);
  });

  it('catches an edited row at that event, and at the next link when its hash is recomputed too', async () => {
    const id = await workedIncident();
    const before = await rowsOf(id);
    await behindTheBack(sql`update timeline_events set payload = '{"text":"nothing happened"}'::jsonb where incident_id = ${id} and seq = 2`);
    const edited = (await rowsOf(id))[1]!;
    expect(await verifyIncident(t.database.db, id)).toEqual({
      ok: false,
      events: 2,
      unhashed: 0,
      break: { seq: 2, field: 'hash', expected: eventHash(edited, edited.prevHash), found: before[1]!.hash },
    });
    // A careful forger recomputes the edited row's hash: the next event still points at the original.
    const forged = eventHash(edited, edited.prevHash);
    await behindTheBack(sql`update timeline_events set hash = ${forged} where incident_id = ${id} and seq = 2`);
    expect(await verifyIncident(t.database.db, id)).toMatchObject({ ok: false, break: { seq: 3, field: 'prev_hash', expected: forged, found: before[1]!.hash } });
    const report = await collect(renderReport('md', (await t.core.report(responder, 'INC-1')).source));
    expect(report).toContain('Timeline verification FAILED at event #3 (prev_hash)');
  });

  it('catches a deleted row at the event after it', async () => {
    const id = await workedIncident();
    const before = await rowsOf(id);
    await behindTheBack(sql`delete from timeline_events where incident_id = ${id} and seq = 4`);
    expect(await verifyIncident(t.database.db, id)).toMatchObject({ ok: false, break: { seq: 5, field: 'prev_hash', expected: before[2]!.hash, found: before[3]!.hash } });
  });

  it('counts events from before the chain as unhashed, and starts the chain at the first hashed one', async () => {
    const id = await workedIncident();
    await behindTheBack(sql`update timeline_events set hash = null, prev_hash = null where incident_id = ${id}`);
    await t.core.addNote(responder, 'INC-1', 'after the upgrade');
    const last = (await rowsOf(id)).at(-1)!;
    expect(last.prevHash).toBeNull();
    expect(await verifyIncident(t.database.db, id)).toEqual({ ok: true, events: 7, unhashed: 6 });
    const report = await collect(renderReport('md', (await t.core.report(responder, 'INC-1')).source));
    expect(report).toContain('Timeline verified: 7 events, hash chain intact (6 earlier events predate the chain).');
  });

  it('fails an event without a hash once the chain has started', async () => {
    const id = await workedIncident();
    await t.database.db.execute(sql`
      insert into timeline_events (incident_id, seq, kind, actor, occurred_at, recorded_at, source, payload)
      values (${id}, 7, 'note_added', 'U0MALLORY', now(), now(), 'cli', '{"text":"all clear"}'::jsonb)`);
    expect(await verifyIncident(t.database.db, id)).toMatchObject({ ok: false, events: 7, break: { seq: 7, field: 'prev_hash', found: null } });
  });

  it('puts the verification in the report header', async () => {
    await workedIncident();
    const { source } = await t.core.report(responder, 'INC-1');
    expect(source.header.verification).toEqual({ ok: true, events: 6, unhashed: 0 });
    expect(await collect(renderReport('md', source))).toContain('Timeline verified: 6 events, hash chain intact.');
    expect(JSON.parse(await collect(renderReport('json', source))).verification).toEqual({ ok: true, events: 6, unhashed: 0 });
  });
});

describe.skipIf(backend !== 'postgres')('timeline hash chain under concurrency (Postgres)', () => {
  it('never forks when many notes are appended to one incident at once', async () => {
    const { incident } = await t.core.declare(responder, { title: 'Busy incident' });
    await Promise.all(Array.from({ length: 40 }, (_, i) => t.core.addNote(responder, 'INC-1', `note ${i}`)));
    const rows = await rowsOf(incident.id);
    expect(rows).toHaveLength(41);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(41);
    expect(await verifyIncident(t.database.db, incident.id)).toEqual({ ok: true, events: 41, unhashed: 0 });
  });
});
