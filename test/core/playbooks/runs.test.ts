import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/core.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { aLibrary, aPlaybook } from '../../support/playbooks.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ playbooks: aLibrary(aPlaybook(), aPlaybook({ id: 'second', title: 'Second', incident_types: [] })) });
});
afterEach(async () => {
  await t.close();
});

const lead = slackUser(RESPONDER);
const reporter = slackUser('U0REPORT');

async function started(type = 'phishing') {
  const { incident } = await t.core.declare(reporter, { title: 'Odd mail', type });
  const { run } = await t.core.playbooks.start(lead, incident.ref, 'test-phish');
  return { incident, run, target: (step: number, seenVersion?: number) => ({ runId: run.id, step, ...(seenVersion ? { seenVersion } : {}) }) };
}

async function kinds(ref: string) {
  return (await t.core.timeline(lead, ref)).events.map((e) => e.kind);
}

describe('starting a playbook', () => {
  it('copies the playbook into a run with every step open, due times from the start, and a playbook_started event', async () => {
    const { incident, run } = await started();
    expect(run.steps.map((s) => [s.number, s.section, s.step.title, s.state])).toEqual([
      [1, 'Identify', 'Get the headers', 'open'],
      [2, 'Identify', 'Find who else got it', 'open'],
      [3, 'Contain', 'Block the sender', 'open'],
      [4, 'Contain', 'Reset exposed passwords', 'open'],
      [5, 'Learn', 'Hold a review', 'open'],
      [6, 'Learn', 'Tell staff', 'open'],
    ]);
    expect(run.steps[0]!.dueAt?.toISOString()).toBe('2026-11-24T10:30:00.000Z');
    expect(run.steps[2]!.dueAt?.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(run.steps[1]!.dueAt).toBeNull();
    const events = (await t.core.timeline(lead, incident.ref)).events;
    expect(events.at(-1)).toMatchObject({ kind: 'playbook_started', actor: RESPONDER, payload: { runId: run.id, playbookId: 'test-phish', steps: 6 } });
  });

  it('refuses an unknown playbook, a second start of the same one, and non-responders; several playbooks may run', async () => {
    const { incident } = await started();
    await expect(t.core.playbooks.start(lead, incident.ref, 'nope')).rejects.toThrow(/no playbook "nope".*\/incident playbooks/);
    await expect(t.core.playbooks.start(lead, incident.ref, 'test-phish')).rejects.toThrow(/already running on INC-1/);
    await expect(t.core.playbooks.start(reporter, incident.ref, 'second')).rejects.toThrow(/Only its commander and responders can start playbooks/);
    await t.core.playbooks.start(lead, incident.ref, 'second');
    expect((await t.core.playbooks.runs(incident.id)).map((r) => r.playbook.id)).toEqual(['test-phish', 'second']);
    expect((await kinds(incident.ref)).filter((k) => k === 'playbook_started')).toHaveLength(2);
  });

  it('keeps the run as started when the library changes later (a restart with other files)', async () => {
    const { run } = await started();
    const later = createCore({ ...t.deps, playbooks: aLibrary(aPlaybook({ sections: [{ name: 'Only', steps: [{ title: 'Something else' }] }] })) });
    const { run: again } = await later.playbooks.checklist(run.id);
    expect(again.steps).toHaveLength(6);
    expect(again.steps[3]!.step.title).toBe('Reset exposed passwords');
  });
});

describe('changing steps', () => {
  it('records done, skip with its reason, assign and reopen on the timeline with the actor', async () => {
    const { incident, target } = await started();
    const done = await t.core.playbooks.changeStep(lead, target(1), { kind: 'done' });
    expect(done).toMatchObject({ changed: true, stale: false, message: '*1. Get the headers* is done.' });
    await t.core.playbooks.changeStep(lead, target(2), { kind: 'skip', reason: 'only one recipient' });
    await t.core.playbooks.changeStep(lead, target(3), { kind: 'assign', userId: 'U0CAROL' });
    const reopened = await t.core.playbooks.changeStep(lead, target(2), { kind: 'reopen' });
    expect(reopened.step).toMatchObject({ state: 'open', note: null });
    const events = (await t.core.timeline(lead, incident.ref)).events.slice(-4);
    expect(events.map((e) => [e.kind, e.actor, e.payload.step])).toEqual([
      ['step_completed', RESPONDER, 1],
      ['step_skipped', RESPONDER, 2],
      ['step_assigned', RESPONDER, 3],
      ['step_reopened', RESPONDER, 2],
    ]);
    expect(events[1]!.payload).toMatchObject({ reason: 'only one recipient', title: 'Find who else got it' });
    expect(events[2]!.payload).toMatchObject({ from: null, to: 'U0CAROL' });
    expect(events[3]!.payload).toMatchObject({ from: 'skipped' });
  });

  it('refuses an empty skip reason and a Done without the note or confirmation a step requires, writing nothing', async () => {
    const { incident, target } = await started();
    const before = await kinds(incident.ref);
    await expect(t.core.playbooks.changeStep(lead, target(2), { kind: 'skip', reason: '  ' })).rejects.toThrow(/reason for skipping is empty/);
    await expect(t.core.playbooks.changeStep(lead, target(4), { kind: 'done' })).rejects.toThrow(/needs a note: Record which accounts were reset/);
    await expect(t.core.playbooks.changeStep(lead, target(5), { kind: 'done' })).rejects.toThrow(/needs a confirmation: Confirm the review is booked/);
    expect(await kinds(incident.ref)).toEqual(before);
    const noted = await t.core.playbooks.changeStep(lead, target(4), { kind: 'done', note: 'alice and bob reset 10:20' });
    expect(noted.step).toMatchObject({ state: 'done', note: 'alice and bob reset 10:20', changedBy: RESPONDER });
    const events = (await t.core.timeline(lead, incident.ref)).events;
    expect(events.at(-1)!.payload).toMatchObject({ note: 'alice and bob reset 10:20' });
  });

  it('acts on the current state when the button was stale, and says so without changing anything twice', async () => {
    const { incident, target } = await started();
    await t.core.playbooks.changeStep(lead, target(1, 1), { kind: 'done' });
    const again = await t.core.playbooks.changeStep(slackUser(RESPONDER), target(1, 1), { kind: 'done' });
    expect(again).toMatchObject({ changed: false, stale: true });
    expect(again.message).toBe(`Step 1 was already done by <@${RESPONDER}>; nothing changed.`);
    const skipDone = await t.core.playbooks.changeStep(lead, target(1, 1), { kind: 'skip', reason: 'x' });
    expect(skipDone.changed).toBe(false);
    await t.core.playbooks.changeStep(lead, target(2), { kind: 'skip', reason: 'n/a' });
    const doneSkipped = await t.core.playbooks.changeStep(lead, target(2), { kind: 'done' });
    expect(doneSkipped.message).toBe(`Step 2 was skipped by <@${RESPONDER}> (n/a); reopen it first.`);
    // A stale Assign on a still-open step acts on the current state.
    await t.core.playbooks.changeStep(lead, target(3), { kind: 'assign', userId: 'U0CAROL' });
    const reassigned = await t.core.playbooks.changeStep(lead, target(3, 1), { kind: 'assign', userId: 'U0DAVE' });
    expect(reassigned).toMatchObject({ changed: true, stale: true });
    expect((await kinds(incident.ref)).filter((k) => k === 'step_completed')).toHaveLength(1);
  });

  it('records one completion when two people press Done on the same step at the same moment', async () => {
    const { incident, target } = await started();
    const results = await Promise.all(
      ['U0AAA', 'U0BBB', RESPONDER, 'U0CCC'].map((id) => t.core.playbooks.changeStep(slackUser(id, { channelId: 'C0INC' }), target(1, 1), { kind: 'done' }).catch((e: Error) => e)),
    );
    const changed = results.filter((r) => !(r instanceof Error) && r.changed);
    expect(changed).toHaveLength(1);
    const events = (await t.core.timeline(lead, incident.ref)).events.filter((e) => e.kind === 'step_completed');
    expect(events).toHaveLength(1);
    const { run } = await t.core.playbooks.checklist(target(1).runId);
    expect(run.steps[0]).toMatchObject({ state: 'done', version: 2 });
  });

  it('records playbook_completed once when the last open step is closed, and not again after a reopen-and-redo churn', async () => {
    const { incident, target } = await started();
    for (const n of [1, 2, 3, 6]) await t.core.playbooks.changeStep(lead, target(n), { kind: 'done' });
    await t.core.playbooks.changeStep(lead, target(4), { kind: 'skip', reason: 'no passwords entered' });
    expect(await kinds(incident.ref)).not.toContain('playbook_completed');
    await t.core.playbooks.changeStep(lead, target(5), { kind: 'done', confirmed: true });
    const events = (await t.core.timeline(lead, incident.ref)).events;
    expect(events.at(-1)).toMatchObject({ kind: 'playbook_completed', payload: { done: 5, skipped: 1 } });
  });

  it('keeps private incidents’ checklists to the people working on them (members of its channel included)', async () => {
    const { target } = await started('account-compromise');
    await expect(t.core.playbooks.changeStep(slackUser(OUTSIDER), target(1), { kind: 'done' })).rejects.toThrow(/private/);
    const { incident } = await t.core.playbooks.checklist(target(1).runId);
    await t.core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1', private: true });
    const fromChannel = await t.core.playbooks.changeStep(slackUser(OUTSIDER, { channelId: 'C0INC1' }), target(1), { kind: 'done' });
    expect(fromChannel.changed).toBe(true);
  });
});

describe('tasks', () => {
  it('lists open steps of an incident, the actor’s own first, then by due time', async () => {
    const { incident, target } = await started();
    await t.core.assignRole(lead, incident.ref, 'comms', 'U0CAROL');
    await t.core.playbooks.changeStep(lead, target(1), { kind: 'done' });
    await t.core.playbooks.changeStep(lead, target(6), { kind: 'assign', userId: 'U0CAROL' });
    const { tasks } = await t.core.playbooks.tasks(slackUser('U0CAROL'), incident.ref);
    expect(tasks.map((x) => [x.step.number, x.mine])).toEqual([
      [4, true],
      [6, true],
      [3, false],
      [2, false],
      [5, false],
    ]);
  });

  it('without a reference lists every open incident the actor can see', async () => {
    await started();
    const other = await t.core.declare(reporter, { title: 'Second', type: 'phishing', private: false });
    await t.core.playbooks.start(lead, other.incident.ref, 'second');
    const { incident, tasks } = await t.core.playbooks.tasks(lead, undefined);
    expect(incident).toBeUndefined();
    expect(new Set(tasks.map((x) => x.incident.ref))).toEqual(new Set(['INC-1', 'INC-2']));
    const outsider = await t.core.playbooks.tasks(slackUser(OUTSIDER), undefined);
    expect(new Set(outsider.tasks.map((x) => x.incident.ref))).toEqual(new Set(['INC-2']));
  });
});
