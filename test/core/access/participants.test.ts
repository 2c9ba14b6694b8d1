// People and access in core: who takes part in a private incident (a step assignee as much as a role holder), what
// being given a role or a step enqueues (an invite and a direct message, in the same transaction), unassigning a role,
// and the reference left out inside the incident's channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../src/core/context.js';
import { isParticipantOf } from '../../../src/core/incidents/participants.js';
import { slackOutbox } from '../../../src/db/schema.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { aLibrary, aPlaybook } from '../../support/playbooks.js';

const REPORTER = 'U0REPORTR';
const STEPPER = 'U0STEPPER';
const lead = slackUser(RESPONDER);
const cli: Actor = { id: 'cli', source: 'cli' };

let env: Awaited<ReturnType<typeof testCore>>;
let nextChannel = 1;
beforeAll(async () => {
  env = await testCore({ playbooks: aLibrary(aPlaybook({ incident_types: ['account-compromise'] })) });
});
afterAll(() => env.close());

/** A private incident with its own channel and a running checklist. */
async function privateIncident() {
  const { incident } = await env.core.declare(slackUser(REPORTER), { title: 'Mailbox takeover', type: 'account-compromise' });
  const channel = `C0PEOPLE${nextChannel++}`;
  await env.core.attachChannel(incident.id, { id: channel, name: `inc-${incident.number}`, private: true });
  const { run } = await env.core.playbooks.start(lead, incident.ref, 'test-phish');
  return { incident: { ...incident, channelId: channel }, runId: run.id, channel };
}

/** The outbox rows of an incident, oldest first: kind, lane and payload. */
async function outboxOf(incidentId: number) {
  const rows = await env.database.db.select().from(slackOutbox).where(eq(slackOutbox.incidentId, incidentId)).orderBy(slackOutbox.id);
  return rows.map((r) => ({ kind: r.kind, lane: r.lane, payload: r.payload }));
}

describe('a step assignee takes part in a private incident', () => {
  it('is shown the incident, its timeline and its tasks once assigned, and not before', async () => {
    const { incident, runId } = await privateIncident();
    const stepper = slackUser(STEPPER);
    expect((await env.core.show(stepper, incident.ref)).redacted).toBe(true);
    await expect(env.core.playbooks.tasks(stepper, incident.ref)).rejects.toThrow(/is private/);
    expect((await env.core.playbooks.tasks(stepper, undefined)).tasks.filter((t) => t.incident.id === incident.id)).toHaveLength(0);

    await env.core.playbooks.changeStep(lead, { runId, step: 2 }, { kind: 'assign', userId: STEPPER });

    expect(await isParticipantOf(env.database.db, incident, STEPPER)).toBe(true);
    expect((await env.core.show(stepper, incident.ref)).redacted).toBe(false);
    await expect(env.core.timeline(stepper, incident.ref)).resolves.toMatchObject({ incident: { ref: incident.ref } });
    const mine = (await env.core.playbooks.tasks(stepper, undefined)).tasks.filter((t) => t.incident.id === incident.id);
    expect(mine[0]).toMatchObject({ mine: true, step: { number: 2, assignee: STEPPER } });
    // Another incident's outsider is still refused.
    await expect(env.core.timeline(slackUser(OUTSIDER), incident.ref)).rejects.toThrow(/is private/);
  });

  it('is invited to the channel and told by direct message, in the assignment’s transaction', async () => {
    const { incident, runId, channel } = await privateIncident();
    await env.core.playbooks.changeStep(lead, { runId, step: 3 }, { kind: 'assign', userId: STEPPER });
    const rows = (await outboxOf(incident.id)).filter((r) => r.kind === 'member_invited' || r.kind === 'assignee_told');
    expect(rows).toEqual([
      { kind: 'member_invited', lane: channel, payload: { ref: incident.ref, userId: STEPPER } },
      {
        kind: 'assignee_told',
        lane: STEPPER,
        payload: { ref: incident.ref, drill: false, userId: STEPPER, by: RESPONDER, given: { kind: 'step', step: 3, title: 'Block the sender' }, channelId: channel },
      },
    ]);
  });
});

describe('roles', () => {
  it('an assignee is invited and told; someone who takes a role themselves gets its brief too', async () => {
    const { incident, channel } = await privateIncident();
    await env.core.assignRole(lead, incident.ref, 'scribe', STEPPER);
    await env.core.assignRole(lead, incident.ref, 'commander', RESPONDER);
    const rows = (await outboxOf(incident.id)).filter((r) => r.kind === 'member_invited' || r.kind === 'assignee_told');
    expect(rows.map((r) => [r.kind, r.lane])).toEqual([
      ['member_invited', channel],
      ['assignee_told', STEPPER],
      ['member_invited', channel],
      ['assignee_told', RESPONDER],
    ]);
    expect(rows[1]!.payload).toMatchObject({ given: { kind: 'role', role: 'scribe' }, channelId: channel });
    expect(rows[3]!.payload).toMatchObject({ by: RESPONDER, userId: RESPONDER, given: { kind: 'role', role: 'commander' } });
  });

  it('unassign clears the role with a role_unassigned event and a post in the channel; an empty role is refused, writing nothing', async () => {
    const { incident, channel } = await privateIncident();
    await env.core.assignRole(cli, incident.ref, 'comms', STEPPER);
    const done = await env.core.unassignRole(lead, incident.ref, 'Comms');
    expect(done).toMatchObject({ role: 'comms', from: STEPPER, incident: { commsId: null } });
    const events = (await env.core.timeline(cli, incident.ref)).events;
    expect(events.at(-1)).toMatchObject({ kind: 'role_unassigned', actor: RESPONDER, payload: { role: 'comms', from: STEPPER } });
    const posts = (await outboxOf(incident.id)).filter((r) => r.kind === 'incident_changed');
    expect(posts.at(-1)).toMatchObject({ lane: channel, payload: { change: { kind: 'unassigned', role: 'comms', from: STEPPER } } });

    await expect(env.core.unassignRole(lead, incident.ref, 'comms')).rejects.toThrow(`${incident.ref} has no comms to unassign.`);
    await expect(env.core.unassignRole(lead, incident.ref, 'boss')).rejects.toThrow(/"boss" is not a role/);
    expect((await env.core.timeline(cli, incident.ref)).events).toHaveLength(events.length);
  });
});

describe('the reference may be left out inside the incident channel', () => {
  it('status, severity, assign and unassign find the incident from the channel; elsewhere they ask for it', async () => {
    const { incident, channel } = await privateIncident();
    const inChannel = slackUser(RESPONDER, { channelId: channel });
    await env.core.changeStatus(inChannel, undefined, 'investigating');
    await env.core.changeSeverity(inChannel, undefined, 'sev1');
    await env.core.assignRole(inChannel, undefined, 'scribe', STEPPER);
    await env.core.unassignRole(inChannel, undefined, 'scribe');
    const shown = await env.core.show(cli, incident.ref);
    expect(shown.incident).toMatchObject({ status: 'investigating', severity: 'sev1', scribeId: null });
    const elsewhere = slackUser(RESPONDER, { channelId: 'C0GENERAL' });
    await expect(env.core.changeSeverity(elsewhere, undefined, 'sev2')).rejects.toThrow(/Name the incident \(e\.g\. INC-12\), or run this inside the incident’s channel/);
  });
});
