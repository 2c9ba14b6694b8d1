// Redaction as core applies it, on a real database: the secret never reaches a row, and the event says what was
// removed.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';
import type { SlackMessageRef } from '../../../src/core/timeline/events.js';
import { inTransaction } from '../../../src/core/context.js';
import { findById } from '../../../src/core/incidents/queries.js';
import { enqueue } from '../../../src/core/outbox/queries.js';
import { redactJson } from '../../../src/core/redaction/apply.js';
import { appendEvent } from '../../../src/core/timeline/queries.js';

const TOKEN = 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const responder = slackUser(RESPONDER);

let t: Awaited<ReturnType<typeof testCore>> | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Everything stored about incidents and their timelines, as text. */
async function storedText(): Promise<string> {
  const rows = (r: unknown) => JSON.stringify((r as { rows: unknown[] }).rows);
  const events = await t!.database.db.execute(sql`select payload::text as p from timeline_events`);
  const incidents = await t!.database.db.execute(sql`select title, description from incidents`);
  return rows(events) + rows(incidents);
}

const message = (text: string): SlackMessageRef => ({ channel: 'C0INC1', ts: '1795000000.000100', author: 'U0AUTHOR', text, permalink: null });

describe('redaction before storing', () => {
  it('stores a note with a Slack token redacted, and records the kind', async () => {
    t = await testCore();
    await t.core.declare(responder, { title: 'Token leak' });
    const { event } = await t.core.addNote(responder, 'INC-1', `the bot token ${TOKEN} was in a public gist`);
    expect(event.payload).toEqual({ text: 'the bot token [redacted: slack-token] was in a public gist', redacted: ['slack-token'] });
    const lesson = await t.core.addLesson(responder, 'INC-1', `never paste ${AWS_KEY}`);
    expect(lesson.event.payload).toEqual({ text: 'never paste [redacted: aws-access-key]', lesson: true, redacted: ['aws-access-key'] });
    const correction = await t.core.addCorrection(responder, 'INC-1', 2, `it was ${TOKEN.replace('xoxb', 'xoxp')}`);
    expect(correction.event.payload).toEqual({ text: 'it was [redacted: slack-token]', redacted: ['slack-token'] });
    expect(await storedText()).not.toMatch(/xox[bp]-|AKIA/);
  });

  it('redacts status notes and playbook step notes too', async () => {
    t = await testCore();
    await t.core.declare(responder, { title: 'Mailbox takeover', type: 'account-compromise' });
    await t.core.changeStatus(responder, 'INC-1', 'investigating', `reset; old key was ${AWS_KEY}`);
    const run = await t.core.playbooks.start(responder, 'INC-1', 'account-compromise');
    await t.core.playbooks.changeStep(responder, { runId: run.run.id, step: 1 }, { kind: 'done', note: `rotated ${TOKEN}`, confirmed: true });
    const { events } = await t.core.timeline(responder, 'INC-1');
    expect(events.find((e) => e.kind === 'status_changed')?.payload).toMatchObject({ note: 'reset; old key was [redacted: aws-access-key]', redacted: ['aws-access-key'] });
    expect(events.find((e) => e.kind === 'step_completed')?.payload).toMatchObject({ note: 'rotated [redacted: slack-token]' });
    expect(await storedText()).not.toMatch(/xox[bp]-|AKIA/);
  });

  it('leaves notes without secrets as they were, with no redacted field', async () => {
    t = await testCore();
    await t.core.declare(responder, { title: 'Phish' });
    const { event } = await t.core.addNote(responder, 'INC-1', 'password reset for 3 users');
    expect(event.payload).toEqual({ text: 'password reset for 3 users' });
  });

  it('redacts a copied Slack message', async () => {
    t = await testCore();
    const { incident } = await t.core.declare(responder, { title: 'Token leak' });
    await t.core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1', private: true });
    const stored = await t.core.recordSlackMessage(responder, message(`here: ${TOKEN}`), 'reaction', 'Ev1');
    expect(stored!.event.payload).toMatchObject({ text: 'here: [redacted: slack-token]', author: 'U0AUTHOR', redacted: ['slack-token'] });
    expect(await storedText()).not.toContain('xoxb-');
  });

  it('redacts the declaration and the reported message, and says what it removed', async () => {
    t = await testCore();
    const declared = await t.core.declare(responder, {
      title: `Key ${AWS_KEY} pushed`,
      description: 'db password: hunter2!',
      sourceMessage: message(`look ${TOKEN}`),
    });
    expect(declared.redacted).toEqual(['aws-access-key', 'password', 'slack-token']);
    expect(declared.incident.title).toBe('Key [redacted: aws-access-key] pushed');
    const { events } = await t.core.timeline(responder, 'INC-1');
    expect(events.find((e) => e.kind === 'message_reported')!.payload).toMatchObject({ text: 'look [redacted: slack-token]', redacted: ['slack-token'] });
    expect(events.find((e) => e.kind === 'incident_declared')!.payload).toMatchObject({
      description: 'db password: [redacted: password]',
      sourceMessage: { text: 'look [redacted: slack-token]' },
      redacted: ['aws-access-key', 'password', 'slack-token'],
    });
    expect(await storedText()).not.toMatch(/AKIA|hunter2|xoxb-/);
  });

  it('applies the deployment’s own patterns from deps', async () => {
    t = await testCore({ redactPatterns: [{ name: 'employee-badge', pattern: /BADGE-\d{6}/g }] });
    await t.core.declare(responder, { title: 'Badge lost' });
    const { event } = await t.core.addNote(responder, 'INC-1', 'badge BADGE-123456 reported lost');
    expect(event.payload).toEqual({ text: 'badge [redacted: employee-badge] reported lost', redacted: ['employee-badge'] });
    expect(await storedText()).not.toContain('BADGE-123456');
  });
});

describe('the one redaction step, wherever a write comes from', () => {
  const badge = [{ name: 'employee-badge', pattern: /BADGE-\d{6}/g }];

  it('the timeline append redacts every payload string with REDACT_PATTERNS before hashing, so the chain verifies', async () => {
    t = await testCore({ redactPatterns: badge });
    const { incident } = await t.core.declare(responder, { title: 'Badge cloned' });
    // An event whose use case forgot to redact: the append does it.
    await inTransaction(t.deps, async (tx) => {
      await findById(tx, incident.id, { forUpdate: true });
      await appendEvent(tx, incident.id, { kind: 'note_added', actor: RESPONDER, source: 'cli', payload: { text: `badge BADGE-123456, token ${TOKEN}, key ${AWS_KEY}` } }, t!.clock.now());
    });
    const stored = await storedText();
    for (const secret of ['BADGE-123456', TOKEN, AWS_KEY]) expect(stored).not.toContain(secret);
    expect(stored).toContain('badge [redacted: employee-badge], token [redacted: slack-token]');
    expect((await t.core.verify(responder, incident.ref)).verification.ok).toBe(true);
  });

  it('refuses a timeline append or an outbox enqueue in a transaction that does not carry the patterns', async () => {
    t = await testCore();
    const { incident } = await t.core.declare(responder, { title: 'Anything' });
    await expect(
      t.database.db.transaction((tx) => appendEvent(tx, incident.id, { kind: 'note_added', actor: RESPONDER, source: 'cli', payload: { text: 'x' } }, t!.clock.now())),
    ).rejects.toThrow(/inTransaction/);
    await expect(
      t.database.db.transaction((tx) => enqueue(tx, { key: 'k', now: t!.clock.now(), notification: { kind: 'member_invited', channel: 'C0X', payload: { ref: 'INC-1', userId: 'U0X' } } })),
    ).rejects.toThrow(/inTransaction/);
  });

  it('redactJson redacts strings at any depth and leaves keys, numbers and booleans alone', () => {
    const { value, found } = redactJson({ redactPatterns: [] }, { a: [`k ${AWS_KEY}`, 3, true, null], b: { c: `password: hunter2` } });
    expect(value).toEqual({ a: ['k [redacted: aws-access-key]', 3, true, null], b: { c: 'password: [redacted: password]' } });
    expect(found).toEqual(['aws-access-key', 'password']);
  });
});
