// The guard rails on status changes (issue 13): what a merge may point at, a reason for declining, and the open work
// counted before resolving or closing. One core per file; each test declares the incidents it uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/context.js';
import { mergeTarget } from '../../src/core/incidents/merge.js';
import { findByNumber } from '../../src/core/incidents/queries.js';
import type { ReviewContent } from '../../src/core/reviews/review.js';
import { summaryTable } from '../../src/core/reports/formats/human.js';
import { fixtureHeader } from '../support/report-fixture.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeAll(async () => {
  t = await testCore({ reviewRequired: [] });
});
afterAll(async () => {
  await t.close();
});

const responder = slackUser(RESPONDER);
const cli: Actor = { id: 'cli', source: 'cli' };

async function declare(title: string, opts: { drill?: boolean; private?: boolean } = {}): Promise<string> {
  return (await t.core.declare(responder, { title, private: opts.private ?? false, ...(opts.drill ? { drill: true } : {}) })).incident.ref;
}

async function stateOf(ref: string) {
  const { incident, events } = await t.core.timeline(responder, ref);
  return { status: incident.status, mergedIntoId: incident.mergedIntoId, events: events.length };
}

const review = (actionItems: ReviewContent['actionItems']): ReviewContent => ({
  summary: 'Handled.',
  impact: '',
  rootCause: '',
  wentWell: '',
  wentWrong: '',
  lessons: '',
  actionItems,
});

describe('merging', () => {
  it('names the missing target: "INC-99 does not exist", and changes nothing', async () => {
    const ref = await declare('Phish report');
    const before = await stateOf(ref);
    await expect(t.core.changeStatus(responder, ref, 'merged', 'INC-99 duplicate')).rejects.toMatchObject({ code: 'unknown_incident', message: expect.stringMatching(/^INC-99 does not exist\./) });
    expect(await stateOf(ref)).toEqual(before);
  });

  it('asks for the target when none is named', async () => {
    const ref = await declare('Phish report');
    await expect(t.core.changeStatus(responder, ref, 'merged')).rejects.toThrow(`Say which incident ${ref} is merged into`);
    await expect(t.core.changeStatus(responder, ref, 'merged', 'same wave')).rejects.toThrow(`Say which incident ${ref} is merged into`);
  });

  it('refuses the incident itself', async () => {
    const ref = await declare('Phish report');
    await expect(t.core.changeStatus(responder, ref, 'merged', `${ref} dup`)).rejects.toThrow(`${ref} cannot be merged into itself.`);
  });

  it.each(['resolved', 'closed', 'declined', 'merged'] as const)('refuses a %s target, and changes nothing', async (status) => {
    const target = await declare('Earlier report');
    const other = await declare('Another one');
    if (status === 'resolved' || status === 'closed') await t.core.changeStatus(responder, target, 'resolved');
    if (status === 'closed') await t.core.changeStatus(responder, target, 'closed');
    if (status === 'declined') await t.core.changeStatus(responder, target, 'declined', 'false positive');
    if (status === 'merged') await t.core.changeStatus(responder, target, 'merged', `${other} dup`);
    const ref = await declare('Phish report');
    const before = await stateOf(ref);
    await expect(t.core.changeStatus(responder, ref, 'merged', `${target} dup`)).rejects.toThrow(
      `${target} is ${status}; merge ${ref} into an open incident (triage, investigating, contained), or reopen ${target} first.`,
    );
    expect(await stateOf(ref)).toEqual(before);
  });

  it('merges a drill only into a drill and a real incident only into a real one', async () => {
    const drill = await declare('Tabletop', { drill: true });
    const real = await declare('Phish report');
    await expect(t.core.changeStatus(responder, real, 'merged', drill)).rejects.toThrow(`${drill} is a drill and ${real} is a real incident`);
    await expect(t.core.changeStatus(responder, drill, 'merged', real)).rejects.toThrow(`${drill} is a drill and ${real} is a real incident`);
    const otherDrill = await declare('Tabletop, second table', { drill: true });
    const { incident } = await t.core.changeStatus(responder, otherDrill, 'merged', `${drill} same exercise`);
    expect(incident.status).toBe('merged');
  });

  it('merges into an open incident, storing the target on the incident and its event', async () => {
    const target = await declare('Phish wave');
    await t.core.changeStatus(responder, target, 'investigating');
    const ref = await declare('Same phish');
    const { incident } = await t.core.changeStatus(cli, ref, 'merged', `${target.toLowerCase()} same wave`);
    const into = (await findByNumber(t.database.db, Number(target.slice(4))))!;
    expect(incident).toMatchObject({ status: 'merged', mergedIntoId: into.id });
    const { events } = await t.core.timeline(responder, ref);
    expect(events.at(-1)!.payload).toEqual({ from: 'triage', to: 'merged', mergedInto: target, note: 'same wave' });
  });

  it('refuses a target the actor may not see (checked in the rule itself: only responders reach it through changeStatus)', async () => {
    const target = await declare('Private case', { private: true });
    const ref = await declare('Public report');
    const from = (await findByNumber(t.database.db, Number(ref.slice(4))))!;
    await expect(t.database.db.transaction((tx) => mergeTarget(tx, t.deps, slackUser(OUTSIDER), from, `${target} dup`))).rejects.toMatchObject({
      code: 'not_authorized',
      message: `${ref} cannot be merged into ${target}: you may not see ${target}.`,
    });
  });
});

describe('show and reports name the merge target', () => {
  it('with its title for those who may see it, by reference only otherwise', async () => {
    const publicTarget = await declare('Phish wave');
    const privateTarget = await declare('Mailbox takeover', { private: true });
    const a = await declare('Same phish');
    const b = await declare('Same takeover');
    await t.core.changeStatus(responder, a, 'merged', publicTarget);
    await t.core.changeStatus(responder, b, 'merged', privateTarget);
    expect((await t.core.show(responder, a)).mergedInto).toEqual({ ref: publicTarget, title: 'Phish wave' });
    expect((await t.core.show(responder, b)).mergedInto).toEqual({ ref: privateTarget, title: 'Mailbox takeover' });
    expect((await t.core.show(slackUser(OUTSIDER), b)).mergedInto).toEqual({ ref: privateTarget });
    expect((await t.core.show(responder, publicTarget)).mergedInto).toBeUndefined();

    expect((await t.core.report(slackUser(OUTSIDER), a, { verify: false })).source.header.incident).toMatchObject({ mergedInto: publicTarget, mergedIntoTitle: 'Phish wave' });
    // A report file goes to the merged incident's channel: a private target's title stays out of it, whoever asks.
    const privateOne = (await t.core.report(responder, b, { verify: false })).source.header.incident;
    expect(privateOne.mergedInto).toBe(privateTarget);
    expect(privateOne).not.toHaveProperty('mergedIntoTitle');
  });
});

describe('the report summary (md, html and text formats)', () => {
  it('names the merge target with its title when the header has it, by reference otherwise', () => {
    const header = fixtureHeader();
    const row = (incident: Partial<typeof header.incident>) => summaryTable({ ...header, incident: { ...header.incident, ...incident } }).rows.find((r) => r[0] === 'Merged into');
    expect(row({ mergedInto: 'INC-5', mergedIntoTitle: 'Phish wave' })).toEqual(['Merged into', 'INC-5: Phish wave']);
    expect(row({ mergedInto: 'INC-5' })).toEqual(['Merged into', 'INC-5']);
    expect(row({ mergedInto: null })).toEqual(['Merged into', '—']);
  });
});

describe('declining', () => {
  it('needs a reason, and changes nothing without one', async () => {
    const ref = await declare('Odd mail');
    const before = await stateOf(ref);
    for (const note of [undefined, '', '   ']) {
      await expect(t.core.changeStatus(responder, ref, 'declined', note)).rejects.toThrow(`Say why ${ref} is declined: \`/incident status ${ref} declined <why>\`.`);
    }
    expect(await stateOf(ref)).toEqual(before);
    const { incident } = await t.core.changeStatus(responder, ref, 'declined', 'a colleague travelling');
    expect(incident.status).toBe('declined');
  });
});

describe('open work before resolving or closing', () => {
  it('counts open playbook steps and open follow-ups (review action items not done), writing nothing', async () => {
    const ref = await declare('Phish wave');
    expect((await t.core.openWork(responder, ref, 'resolved')).work).toEqual({ steps: 0, actionItems: 0 });
    await t.core.playbooks.start(responder, ref, 'phishing');
    const { work, to, incident } = await t.core.openWork(responder, ref, 'RESOLVED');
    expect(to).toBe('resolved');
    expect(incident.ref).toBe(ref);
    expect(work.steps).toBeGreaterThan(0);
    expect(work.actionItems).toBe(0);
    const before = await stateOf(ref);
    await t.core.reviews.save(responder, ref, review([{ text: 'Enforce MFA', owner: null, due: null }, { text: 'Train staff', owner: null, due: null }]));
    expect((await t.core.openWork(responder, ref, 'resolved')).work).toEqual({ steps: work.steps, actionItems: 2 });
    expect((await stateOf(ref)).status).toBe(before.status);
    // A follow-up marked done is no longer open work.
    const [first] = (await t.core.followups.list(responder, { kind: 'incident', ref })).followups;
    await t.core.followups.done(responder, first!.id);
    expect((await t.core.openWork(responder, ref, 'resolved')).work).toEqual({ steps: work.steps, actionItems: 1 });
  });

  it('makes the same checks as the change, so no warning is offered for a change that would be refused', async () => {
    const ref = await declare('Phish wave');
    await expect(t.core.openWork(responder, ref, 'closed')).rejects.toMatchObject({ code: 'invalid_transition' });
    await expect(t.core.openWork(slackUser(OUTSIDER), ref, 'resolved')).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(t.core.openWork(responder, ref, 'resolved', 'ping <!channel>')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(t.core.openWork(responder, 'INC-999', 'resolved')).rejects.toMatchObject({ code: 'unknown_incident' });
  });

  it('returns the note redacted, as it would be stored', async () => {
    const ref = await declare('Phish wave');
    const { note, redacted } = await t.core.openWork(responder, ref, 'resolved', 'key was AKIAIOSFODNN7EXAMPLE');
    expect(note).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(redacted.length).toBeGreaterThan(0);
  });
});
