// Post-incident reviews in core: versions that never change, their timeline events, who may write them, the closing
// rule, and review lessons offered for promotion. Runs on PGlite and, with TEST_DATABASE_URL, on Postgres.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ReviewContent } from '../../../src/core/reviews/review.js';
import { lessonLines } from '../../../src/core/reviews/review.js';
import { checkReview } from '../../../src/core/reviews/schema.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { backend, dbErrorOf } from '../../support/db.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const reporter = slackUser('U0REPORT');
const responder = slackUser(RESPONDER);

/** A review with overrides. */
function aReview(overrides: Partial<ReviewContent> = {}): ReviewContent {
  return {
    summary: 'A phishing mail reached the press office; two people entered their password.',
    impact: 'Two mailboxes exposed for 40 minutes.',
    rootCause: 'The sender domain looked like ours.',
    wentWell: 'Reported within 5 minutes.',
    wentWrong: 'MFA was not enforced for the press office.',
    lessons: '- Enforce MFA everywhere\n\n* Check sender domains',
    actionItems: [{ text: 'Enforce MFA for the press office', owner: 'U0ALICE', due: '2026-12-01' }],
    ...overrides,
  };
}

async function count(table: string): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

const reviewEvents = async (ref = 'INC-1') => (await t.core.timeline(responder, ref)).events.filter((e) => e.kind === 'review_saved');

/** Declares an incident and brings it to resolved. */
async function resolved(opts: { severity?: string; drill?: boolean } = {}) {
  const { incident } = await t.core.declare(reporter, { title: 'Phish', ...opts });
  await t.core.changeStatus(responder, incident.ref, 'resolved');
  return incident.ref;
}

describe('saving reviews', () => {
  it('stores every save as a new version, keeps earlier versions as they were, and records review_saved with each', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    const first = aReview();
    const v1 = await t.core.reviews.save(responder, 'INC-1', first);
    expect(v1.review).toMatchObject({ version: 1, savedBy: RESPONDER, savedAt: new Date('2026-11-24T10:00:00Z') });
    t.clock.advance(3_600_000);
    const second = aReview({ summary: 'Updated summary', actionItems: [...first.actionItems, { text: 'Train the press office', owner: null, due: null }] });
    const v2 = await t.core.reviews.save(reporter, 'INC-1', second);
    expect(v2.review.version).toBe(2);

    const history = await t.core.reviews.history(responder, 'INC-1');
    expect(history.reviews.map((r) => r.version)).toEqual([1, 2]);
    const [h1, h2] = history.reviews;
    for (const key of ['summary', 'impact', 'rootCause', 'wentWell', 'wentWrong', 'lessons', 'actionItems'] as const) {
      expect(h1![key]).toEqual(first[key]);
      expect(h2![key]).toEqual(second[key]);
    }
    expect(h1).toMatchObject({ savedBy: RESPONDER, savedAt: new Date('2026-11-24T10:00:00Z') });
    expect(h2).toMatchObject({ savedBy: 'U0REPORT', savedAt: new Date('2026-11-24T11:00:00Z') });

    const latest = await t.core.reviews.latest(responder, 'INC-1');
    expect(latest).toMatchObject({ versions: 2, review: { version: 2, summary: 'Updated summary' } });

    const events = await reviewEvents();
    expect(events.map((e) => [e.actor, e.payload])).toEqual([
      [RESPONDER, { version: 1, actionItems: 1 }],
      ['U0REPORT', { version: 2, actionItems: 2 }],
    ]);
    // Recorded at the moment of the save it belongs to.
    expect(events.map((e) => e.recordedAt)).toEqual([h1!.savedAt, h2!.savedAt]);
  });

  it('trims texts, and an invalid review writes neither a row nor an event', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    const { review } = await t.core.reviews.save(responder, 'INC-1', aReview({ summary: '  padded  ', lessons: '' }));
    expect(review.summary).toBe('padded');
    const before = { rows: await count('incident_reviews'), events: await count('timeline_events') };
    await expect(t.core.reviews.save(responder, 'INC-1', aReview({ summary: '   ' }))).rejects.toMatchObject({ code: 'invalid_input', details: { field: 'summary' } });
    await expect(t.core.reviews.save(responder, 'INC-1', aReview({ rootCause: 'x'.repeat(3001) }))).rejects.toThrow(/^Root cause: keep it to 3,000 characters$/);
    await expect(t.core.reviews.save(responder, 'INC-1', aReview({ actionItems: [{ text: 'ok', owner: null, due: '2026-02-30' }] }))).rejects.toThrow(
      /^Action item 1 due date: must be a date written YYYY-MM-DD$/,
    );
    await expect(t.core.reviews.save(responder, 'INC-1', aReview({ impact: 'tell <!channel>' }))).rejects.toThrow(/Impact: remove the group mention/);
    expect({ rows: await count('incident_reviews'), events: await count('timeline_events') }).toEqual(before);
  });

  it('refuses to save the latest version again unchanged', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.reviews.save(responder, 'INC-1', aReview());
    // Whitespace around texts is trimmed, so this is the same review.
    await expect(t.core.reviews.save(responder, 'INC-1', aReview({ summary: ` ${aReview().summary} ` }))).rejects.toThrow(
      'Nothing changed since version 1 of the INC-1 review: edit something before saving.',
    );
    expect(await reviewEvents()).toHaveLength(1);
    expect((await t.core.reviews.latest(responder, 'INC-1')).versions).toBe(1);
  });

  it('lets anyone who may see the incident write its review, and nobody else read or write it', async () => {
    await t.core.declare(reporter, { title: 'Leaked files', type: 'data-leak' });
    await expect(t.core.reviews.save(slackUser(OUTSIDER), 'INC-1', aReview())).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(t.core.reviews.latest(slackUser(OUTSIDER), 'INC-1')).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(t.core.reviews.history(slackUser(OUTSIDER), 'INC-1')).rejects.toMatchObject({ code: 'not_authorized' });
    expect(await count('incident_reviews')).toBe(0);
    // The reporter is a participant: no responder rights needed.
    expect((await t.core.reviews.save(reporter, 'INC-1', aReview())).review.version).toBe(1);
  });

  it('rejects UPDATE, DELETE and TRUNCATE on incident_reviews in the database itself', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.reviews.save(responder, 'INC-1', aReview());
    const db = t.database.db;
    expect(await dbErrorOf(db.execute(sql`update incident_reviews set summary = 'rewritten'`))).toMatch(/incident_reviews is append-only: UPDATE/);
    expect(await dbErrorOf(db.execute(sql`delete from incident_reviews`))).toMatch(/append-only: DELETE/);
    expect(await dbErrorOf(db.execute(sql`truncate incident_reviews`))).toMatch(/append-only: TRUNCATE/);
    expect((await t.core.reviews.latest(responder, 'INC-1')).review?.summary).toBe(aReview().summary);
  });

  it.runIf(backend === 'postgres')('gives two simultaneous saves versions 1 and 2 (the row lock orders them)', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await Promise.all([t.core.reviews.save(responder, 'INC-1', aReview({ summary: 'A' })), t.core.reviews.save(reporter, 'INC-1', aReview({ summary: 'B' }))]);
    const { reviews } = await t.core.reviews.history(responder, 'INC-1');
    expect(reviews.map((r) => r.version)).toEqual([1, 2]);
    expect(reviews.map((r) => r.summary).sort()).toEqual(['A', 'B']);
    expect((await reviewEvents()).map((e) => e.payload.version)).toEqual([1, 2]);
  });
});

describe('closing needs a review', () => {
  it('refuses to close a sev1 or sev2 without one, leaving it resolved with nothing recorded', async () => {
    for (const severity of ['sev1', 'sev2']) {
      const ref = await resolved({ severity });
      const events = (await t.core.timeline(responder, ref)).events.length;
      await expect(t.core.changeStatus(responder, ref, 'closed')).rejects.toMatchObject({
        code: 'review_required',
        message: expect.stringMatching(new RegExp(`^${ref} is ${severity}: write its post-incident review before closing it \\(\`/incident review ${ref}\`\\)\\.`)),
      });
      const after = await t.core.timeline(responder, ref);
      expect(after.incident).toMatchObject({ status: 'resolved', closedAt: null });
      expect(after.events).toHaveLength(events);
    }
  });

  it('closes a sev3 without a review, and a sev1 once its review is saved', async () => {
    const sev3 = await resolved();
    expect((await t.core.changeStatus(responder, sev3, 'closed')).incident.status).toBe('closed');
    const sev1 = await resolved({ severity: 'sev1' });
    await t.core.reviews.save(responder, sev1, aReview());
    expect((await t.core.changeStatus(responder, sev1, 'closed')).incident.status).toBe('closed');
  });

  it('exempts drills', async () => {
    const drill = await resolved({ severity: 'sev1', drill: true });
    expect((await t.core.changeStatus(responder, drill, 'closed')).incident.status).toBe('closed');
  });

  it('requires nothing when configured with no severities', async () => {
    await t.close();
    t = await testCore({ reviewRequired: [] });
    const ref = await resolved({ severity: 'sev1' });
    expect((await t.core.changeStatus(responder, ref, 'closed')).incident.status).toBe('closed');
  });
});

describe('review lessons', () => {
  it('splits lessons into lines without list markers', () => {
    expect(lessonLines('- one\n\n  * two  \n• three\n1. four\n2) five\n-\nplain')).toEqual(['one', 'two', 'three', 'four', 'five', 'plain']);
  });

  it('offers lesson notes first, then the lines of the latest review, for promotion', async () => {
    const operator = { id: 'cli', source: 'cli' } as const;
    await t.core.declare(reporter, { title: 'Phish' });
    await expect(t.core.lessons.of(operator, 'INC-1')).rejects.toThrow(/no lessons yet.*\/incident lesson INC-1.*\/incident review INC-1/);
    await t.core.reviews.save(responder, 'INC-1', aReview({ lessons: 'old lesson' }));
    await t.core.reviews.save(responder, 'INC-1', aReview());
    await t.core.addLesson(responder, 'INC-1', 'Report fast');
    expect((await t.core.lessons.of(operator, 'INC-1')).lessons).toEqual(['Report fast', 'Enforce MFA everywhere', 'Check sender domains']);
  });
});

describe('review validation', () => {
  it('names the field and action item of every problem', () => {
    const checked = checkReview({
      summary: '',
      actionItems: [
        { text: '', owner: 'U0ALICE', due: null },
        { text: 'x'.repeat(301), owner: 'alice', due: '01/12/2026' },
      ],
    });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues.map((i) => [i.field, i.message])).toEqual([
      ['summary', 'Summary: write a few words'],
      ['actionItems.0.text', 'Action item 1: say what is to be done'],
      ['actionItems.1.text', 'Action item 2: keep it to 300 characters'],
      ['actionItems.1.owner', 'Action item 2 owner: must be a Slack user'],
      ['actionItems.1.due', 'Action item 2 due date: must be a date written YYYY-MM-DD'],
    ]);
    const many = checkReview({ summary: 'ok', actionItems: Array.from({ length: 21 }, () => ({ text: 'a' })) });
    expect(!many.ok && many.issues[0]!.message).toBe('Action items: at most 20 action items');
  });
});
