// Text that shows nothing is refused wherever a person writes text, and direction overrides never reach a row: each
// entry point of core is tried with zero-width characters, and the stored rows are searched for U+202E and friends.
import { is, sql, Table } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src/db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, RESPONDER, slackUser, testCore } from '../support/core.js';
import type { Actor } from '../../src/core/context.js';
import type { ReviewContent } from '../../src/core/reviews/review.js';
import { redactFor } from '../../src/core/redaction/apply.js';

const responder = slackUser(RESPONDER);
const admin = slackUser(ADMIN);
/** Zero-width space, joiner and non-joiner, word joiner, byte-order mark, Hangul filler, braille blank. */
const INVISIBLE = [' \u200B ', '\u200C\u200D', '\u2060', '\uFEFF\u200B', '\u3164', '\u2800', '\u202E\u200B'];
const DIRECTION = /[\u202A-\u202E\u2066-\u2069]/;

let t: Awaited<ReturnType<typeof testCore>>;
let runId = 0;
beforeAll(async () => {
  t = await testCore({ responders: [RESPONDER, ADMIN] });
  await t.core.declare(responder, { title: 'Mailbox takeover', type: 'account-compromise' });
  runId = (await t.core.playbooks.start(responder, 'INC-1', 'account-compromise')).run.id;
});
afterAll(async () => {
  await t.close();
});

async function rowCount(table: string): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

const review = (o: Partial<ReviewContent>): ReviewContent => ({ summary: 'Summary', impact: '', rootCause: '', wentWell: '', wentWrong: '', lessons: '', actionItems: [], ...o });
const tip = (o: Record<string, string>) => ({ title: 'Check the sender', body: 'Look first. Then report it.', do: 'Report it', dont: 'Click it', ...o });

/** Every place core takes text from a person, filled with `s`, and what the refusal must say. */
const ENTRY_POINTS: [string, (s: string) => Promise<unknown>, RegExp][] = [
  ['title', (s) => t.core.declare(responder, { title: s }), /needs a title/],
  ['description', (s) => t.core.declare(responder, { title: 'Phish', description: s }), /description holds only invisible characters/],
  ['note', (s) => t.core.addNote(responder, 'INC-1', s), /note is empty \(it holds only invisible characters\)/],
  ['back-dated note', (s) => t.core.addNote(responder, 'INC-1', `at 09:00 ${s}`), /note is empty/],
  ['lesson', (s) => t.core.addLesson(responder, 'INC-1', s), /note is empty/],
  ['correction', (s) => t.core.addCorrection(responder, 'INC-1', 1, s), /correction is empty/],
  ['status note', (s) => t.core.changeStatus(responder, 'INC-1', 'investigating', s), /note holds only invisible characters/],
  ['step note', (s) => t.core.playbooks.changeStep(responder, { runId, step: 1 }, { kind: 'done', note: s, confirmed: true }), /holds only invisible characters|is empty/],
  ['skip reason', (s) => t.core.playbooks.changeStep(responder, { runId, step: 2 }, { kind: 'skip', reason: s }), /is empty/],
  ['review summary', (s) => t.core.reviews.save(responder, 'INC-1', review({ summary: s })), /Summary.*invisible characters/],
  ['review lessons', (s) => t.core.reviews.save(responder, 'INC-1', review({ lessons: s })), /invisible characters/],
  ['review action item', (s) => t.core.reviews.save(responder, 'INC-1', review({ actionItems: [{ text: s, owner: null, due: null }] })), /invisible characters/],
  ['tip title', (s) => t.core.lessons.promote(admin, 'INC-1', tip({ title: s })), /title: holds only invisible characters/],
  ['tip do', (s) => t.core.lessons.promote(admin, 'INC-1', tip({ do: s })), /do: holds only invisible characters/],
  ['decoy note', (s) => t.core.decoys.register(admin as Actor, { name: 'payroll', kind: 'credential', note: s }), /note holds only invisible characters/],
  ['decoy name', (s) => t.core.decoys.register(admin as Actor, { name: s, kind: 'credential' }), /not a usable decoy name/],
];

describe('text that shows nothing', () => {
  it.each(ENTRY_POINTS)('is refused as a %s, with a message naming it, and nothing is written', async (_name, fill, refusal) => {
    const before = { events: await rowCount('timeline_events'), incidents: await rowCount('incidents') };
    for (const s of INVISIBLE) await expect(fill(s), JSON.stringify(s)).rejects.toThrow(refusal);
    expect({ events: await rowCount('timeline_events'), incidents: await rowCount('incidents') }).toEqual(before);
  });

  it('does not refuse text that shows something, zero-width joiners inside emoji included', async () => {
    const { event } = await t.core.addNote(responder, 'INC-1', 'family 👨‍👩‍👧 emoji\u200B ok');
    expect(event.payload.text).toBe('family 👨‍👩‍👧 emoji\u200B ok');
  });
});

describe('direction overrides', () => {
  it('are removed from every text before it is stored, wherever it came from', async () => {
    const rlo = (s: string) => `\u202E${s}\u202D\u2066\u2067\u2068\u2069\u202A\u202B\u202C`;
    const { incident } = await t.core.declare(responder, { title: rlo('Invoice fdp.exe'), description: rlo('opened') });
    expect(incident.title).toBe('Invoice fdp.exe');
    await t.core.addNote(responder, incident.ref, rlo('note'));
    await t.core.addNote(responder, incident.ref, `at 09:00 ${rlo('back-dated')}`);
    await t.core.changeStatus(responder, incident.ref, 'investigating', rlo('status'));
    await t.core.reviews.save(responder, incident.ref, review({ summary: rlo('summary'), actionItems: [{ text: rlo('do it'), owner: null, due: null }] }));
    await t.core.decoys.register(admin as Actor, { name: 'wiki-link', kind: 'credential', note: rlo('planted') });
    await t.core.attachChannel(incident.id, { id: 'C0INC2', name: 'inc-2', private: true });
    await t.core.recordSlackMessage(responder, { channel: 'C0INC2', ts: '1795000000.000100', author: 'U0AUTHOR', text: rlo('pinned'), permalink: null }, 'pin', 'Ev1');
    const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, Table));
    for (const table of tables) {
      const name = getTableConfig(table).name;
      // JSON.stringify writes U+202E and the isolates as they are, so a leak shows as the character itself.
      expect(JSON.stringify(await t.database.db.execute(sql.raw(`select * from "${name}"`))), name).not.toMatch(DIRECTION);
    }
    expect(JSON.stringify(await t.database.db.execute(sql`select title from incidents`))).toContain('Invoice fdp.exe');
  });

  it('keeps left-to-right and right-to-left marks, which mixed Hebrew and Arabic text needs', async () => {
    const { event } = await t.core.addNote(responder, 'INC-1', 'שלום\u200F (Shalom) mail');
    expect(event.payload.text).toBe('שלום\u200F (Shalom) mail');
  });
});

describe('the redaction step, under the text rules', () => {
  it('removes direction overrides and empties text that shows nothing, for any caller', () => {
    const deps = { redactPatterns: [] };
    expect(redactFor(deps, 'a\u202Eb\u2066c').text).toBe('abc');
    expect(redactFor(deps, '\u200B\u2060').text).toBe('');
    // Plain blanks are left to their callers (separators in Rampart's own payloads).
    expect(redactFor(deps, ' ').text).toBe(' ');
  });
});
