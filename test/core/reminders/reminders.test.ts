// Reminders through core on a real database with a fixed clock: update reminders fire at their severity's interval and
// again after it, an update starts the interval again, snoozes and stops are timeline events, reminders end in the
// transaction that resolves, closes, declines or merges, quiet hours hold back all but sev1, a second core on the same
// database (a restart) fires nothing twice, the missing commander is nudged once, and the weekly stale list goes out once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createCore } from '../../../src/core/core.js';
import { incidentReminders, slackOutbox } from '../../../src/db/schema.js';
import { parseQuietHours, DEFAULT_UPDATE_INTERVALS } from '../../../src/core/reminders/reminder.js';
import { emptyTestDatabase } from '../../support/db.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';

const COMMANDER = 'U0COMMAND';
const MIN = 60_000;
const START = '2026-11-24T10:00:00Z';
const lead = slackUser(RESPONDER);
const cli = { id: 'cli', source: 'cli' as const };

let env: Awaited<ReturnType<typeof testCore>>;
beforeAll(async () => {
  env = await testCore({
    now: START,
    announceChannel: 'C0ANNOUNCE',
    reminders: {
      updateIntervals: DEFAULT_UPDATE_INTERVALS,
      quietHours: parseQuietHours('22:00-07:00'),
      stale: { schedule: { name: 'stale', cron: '0 9 * * 1', timezone: 'Europe/Paris', graceMs: 86_400_000 }, replicaId: 'replica-a', leaseMs: 300_000 },
    },
  });
});
afterAll(() => env.close());
beforeEach(async () => {
  await emptyTestDatabase(env.database);
  env.clock.set(START);
});

const advance = (minutes: number) => env.clock.advance(minutes * MIN);

/** Reminder messages enqueued, oldest first. */
async function told(kind: 'update_reminder' | 'commander_nudge' | 'stale_list' = 'update_reminder') {
  const rows = await env.database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, kind)).orderBy(asc(slackOutbox.id));
  return rows.map((r) => ({ key: r.key, lane: r.lane, payload: r.payload }));
}

async function remindersOf(incidentId: number) {
  const rows = await env.database.db.select().from(incidentReminders).where(eq(incidentReminders.incidentId, incidentId)).orderBy(asc(incidentReminders.kind));
  return Object.fromEntries(rows.map((r) => [r.kind, { state: r.state, dueAt: r.dueAt }]));
}

/** An open incident with a commander (who is not the one declaring it). */
async function commanded(severity = 'sev1') {
  const { incident } = await env.core.declare(lead, { title: 'Payroll mailbox forwarding rule', severity, private: false });
  await env.core.assignRole(lead, incident.ref, 'commander', COMMANDER);
  return incident;
}

describe('update reminders', () => {
  it('remind the commander by direct message at the severity’s interval, once, and again after another interval', async () => {
    const incident = await commanded('sev1');
    advance(29);
    expect(await env.core.reminders.runDue()).toEqual([]);
    advance(1);
    expect(await env.core.reminders.runDue()).toMatchObject([{ kind: 'reminded', reminder: 'update', ref: incident.ref }]);
    expect(await env.core.reminders.runDue()).toEqual([]);
    expect(await told()).toEqual([
      {
        key: `incident:${incident.id}:reminder:update:1`,
        lane: COMMANDER,
        payload: { ref: incident.ref, drill: false, severity: 'sev1', status: 'triage', since: START.replace('Z', '.000Z'), userId: COMMANDER },
      },
    ]);
    advance(30);
    await env.core.reminders.runDue();
    expect((await told()).map((t) => t.key)).toEqual([`incident:${incident.id}:reminder:update:1`, `incident:${incident.id}:reminder:update:2`]);
    // The card shows the deadline.
    expect(await env.core.reminders.nextUpdateDue(incident.id)).toEqual({ dueAt: new Date(env.clock.now().getTime() + 30 * MIN), snoozed: false });
  });

  it('go to the incident channel when there is no commander, and follow the severity: sev4 is off by default', async () => {
    const { incident } = await env.core.declare(lead, { title: 'Laptop left on a train', severity: 'sev2', private: true });
    await env.core.attachChannel(incident.id, { id: 'C0INC1', name: 'inc-1', private: true });
    const { incident: quiet } = await env.core.declare(lead, { title: 'Old phishing report', severity: 'sev4' });
    advance(120);
    expect((await env.core.reminders.runDue()).filter((o) => o.reminder === 'update')).toMatchObject([{ kind: 'reminded', ref: incident.ref }]);
    expect((await told()).map((t) => t.lane)).toEqual(['C0INC1']);
    expect(await env.core.reminders.nextUpdateDue(quiet.id)).toBeUndefined();
  });

  it('count again from a note or a status change; a severity change moves the deadline', async () => {
    const incident = await commanded('sev1');
    advance(20);
    await env.core.addNote(slackUser(COMMANDER), incident.ref, 'Forwarding rule removed; checking sign-ins');
    advance(20);
    expect(await env.core.reminders.runDue()).toEqual([]);
    await env.core.changeStatus(lead, incident.ref, 'investigating');
    advance(29);
    expect(await env.core.reminders.runDue()).toEqual([]);
    expect(await env.core.reminders.nextUpdateDue(incident.id)).toMatchObject({ dueAt: new Date(Date.parse(START) + 70 * MIN) });
    // sev2: two hours from the last update (at +40 min).
    await env.core.changeSeverity(lead, incident.ref, 'sev2');
    expect(await env.core.reminders.nextUpdateDue(incident.id)).toMatchObject({ dueAt: new Date(Date.parse(START) + 160 * MIN) });
    advance(91);
    expect(await env.core.reminders.runDue()).toMatchObject([{ kind: 'reminded', ref: incident.ref }]);
  });
});

describe('snoozing and stopping', () => {
  it('a snooze (30 min, 2 h, tomorrow 09:00 in TIMEZONE) is a timeline event and holds the reminder until then', async () => {
    const incident = await commanded('sev1');
    const commander = slackUser(COMMANDER);
    advance(30);
    await env.core.reminders.runDue();
    const choices = [
      ['30m', new Date(env.clock.now().getTime() + 30 * MIN)],
      ['2h', new Date(env.clock.now().getTime() + 120 * MIN)],
      // Tuesday 10:30 in Paris (09:30Z): tomorrow 09:00 Paris is Wednesday 08:00Z.
      ['tomorrow', new Date('2026-11-25T08:00:00Z')],
    ] as const;
    for (const [choice, until] of choices) {
      expect(await env.core.reminders.snooze(commander, incident.ref, choice)).toMatchObject({ until });
      expect((await env.core.timeline(cli, incident.ref)).events.at(-1)).toMatchObject({ kind: 'reminder_snoozed', actor: COMMANDER, payload: { until: until.toISOString(), choice } });
      expect(await env.core.reminders.nextUpdateDue(incident.id)).toEqual({ dueAt: until, snoozed: true });
    }
    env.clock.set(new Date('2026-11-25T07:59:00Z'));
    expect(await env.core.reminders.runDue()).toEqual([]);
    env.clock.set(new Date('2026-11-25T08:00:00Z'));
    expect(await env.core.reminders.runDue()).toMatchObject([{ kind: 'reminded', ref: incident.ref }]);
    await expect(env.core.reminders.snooze(commander, incident.ref, 'forever')).rejects.toThrow('"forever" is not a snooze; choose 30m, 2h, tomorrow.');
  });

  it('stop is a timeline event and ends the reminders for good; an outsider may do neither, and nothing is written', async () => {
    const incident = await commanded('sev1');
    const before = (await env.core.timeline(cli, incident.ref)).events.length;
    await expect(env.core.reminders.snooze(slackUser(OUTSIDER), incident.ref, '2h')).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(env.core.reminders.stop(slackUser(OUTSIDER), incident.ref)).rejects.toMatchObject({ code: 'not_authorized' });
    expect((await env.core.timeline(cli, incident.ref)).events).toHaveLength(before);

    await env.core.reminders.stop(slackUser(COMMANDER), incident.ref);
    expect((await env.core.timeline(cli, incident.ref)).events.at(-1)).toMatchObject({ kind: 'reminders_stopped', actor: COMMANDER });
    await env.core.addNote(lead, incident.ref, 'still looking');
    advance(24 * 60);
    expect(await env.core.reminders.runDue()).toEqual([]);
    await expect(env.core.reminders.stop(lead, incident.ref)).rejects.toThrow(`${incident.ref}'s update reminders are already stopped.`);
    await expect(env.core.reminders.snooze(lead, incident.ref, '30m')).rejects.toThrow(/are stopped/);
  });
});

describe('reminders end with the incident, in the same transaction', () => {
  it('on resolve, close, decline and merge; a change that is refused leaves them as they were', async () => {
    const resolved = await commanded('sev1');
    // sev1 needs a review before closing: the refused close writes nothing, reminders included.
    await env.core.changeStatus(lead, resolved.ref, 'resolved');
    expect(await remindersOf(resolved.id)).toMatchObject({ update: { state: 'ended', dueAt: null }, commander: { state: 'ended' } });
    await env.core.changeStatus(lead, resolved.ref, 'investigating');
    expect(await remindersOf(resolved.id)).toMatchObject({ update: { state: 'active' } });
    await env.core.changeStatus(lead, resolved.ref, 'resolved');
    await expect(env.core.changeStatus(lead, resolved.ref, 'closed')).rejects.toThrow();
    expect(await remindersOf(resolved.id)).toMatchObject({ update: { state: 'ended' } });

    const declined = await commanded('sev2');
    await expect(env.core.changeStatus(lead, declined.ref, 'declined')).rejects.toThrow(/Say why/);
    expect(await remindersOf(declined.id)).toMatchObject({ update: { state: 'active' } });
    await env.core.changeStatus(lead, declined.ref, 'declined', 'a phishing test by IT');
    expect(await remindersOf(declined.id)).toMatchObject({ update: { state: 'ended', dueAt: null } });

    const target = await commanded('sev3');
    const merged = await commanded('sev3');
    await env.core.changeStatus(lead, merged.ref, 'merged', `${target.ref} same mailbox`);
    expect(await remindersOf(merged.id)).toMatchObject({ update: { state: 'ended', dueAt: null } });

    const closed = await commanded('sev3');
    await env.core.changeStatus(lead, closed.ref, 'resolved');
    await env.core.changeStatus(lead, closed.ref, 'investigating');
    await env.core.changeStatus(lead, closed.ref, 'resolved');
    await env.core.changeStatus(lead, closed.ref, 'closed');
    expect(await remindersOf(closed.id)).toMatchObject({ update: { state: 'ended', dueAt: null } });

    advance(3 * 24 * 60);
    expect((await env.core.reminders.runDue()).map((o) => o.ref)).toEqual([target.ref]);
  });
});

describe('quiet hours (22:00-07:00 in Paris)', () => {
  it('hold back a sev2 reminder until they end, and not a sev1 one', async () => {
    // 20:45 in Paris.
    env.clock.set('2026-11-24T19:45:00Z');
    const sev2 = await commanded('sev2');
    env.clock.set('2026-11-24T20:50:00Z');
    const sev1 = await commanded('sev1');
    // 22:45 in Paris: both are due.
    env.clock.set('2026-11-24T21:45:00Z');
    const outcomes = await env.core.reminders.runDue();
    // Oldest due first: the sev1 one (due 22:20 Paris), then the sev2 one (22:45).
    expect(outcomes).toMatchObject([
      { kind: 'reminded', ref: sev1.ref },
      { kind: 'held', ref: sev2.ref, until: new Date('2026-11-25T06:00:00Z') },
    ]);
    expect((await told()).map((t) => t.payload.ref)).toEqual([sev1.ref]);
    env.clock.set('2026-11-25T05:59:00Z');
    expect((await env.core.reminders.runDue()).filter((o) => o.ref === sev2.ref)).toEqual([]);
    env.clock.set('2026-11-25T06:00:00Z');
    expect((await env.core.reminders.runDue()).filter((o) => o.ref === sev2.ref)).toMatchObject([{ kind: 'reminded' }]);
  });
});

describe('a restart', () => {
  it('a second core on the same database fires nothing already fired, and what is due once between them', async () => {
    const incident = await commanded('sev1');
    advance(30);
    const second = createCore({ ...env.deps });
    expect(await env.core.reminders.runDue()).toHaveLength(1);
    expect(await second.reminders.runDue()).toEqual([]);
    advance(30);
    expect(await second.reminders.runDue()).toHaveLength(1);
    expect(await env.core.reminders.runDue()).toEqual([]);
    expect((await told()).map((t) => t.key)).toEqual([1, 2].map((n) => `incident:${incident.id}:reminder:update:${n}`));
  });
});

describe('the missing-commander nudge', () => {
  it('10 minutes after the declaration, once: in the incident channel, or INCIDENT_CHANNEL without one; none once a commander is named', async () => {
    const { incident: inChannel } = await env.core.declare(lead, { title: 'Suspicious login', severity: 'sev3' });
    await env.core.attachChannel(inChannel.id, { id: 'C0INC1', name: 'inc-1', private: true });
    const { incident: noChannel } = await env.core.declare(lead, { title: 'Suspicious login again', severity: 'sev3' });
    const { incident: led } = await env.core.declare(lead, { title: 'Led from the start', severity: 'sev3' });
    await env.core.assignRole(lead, led.ref, 'commander', COMMANDER);
    advance(9);
    expect(await env.core.reminders.runDue()).toEqual([]);
    advance(1);
    expect((await env.core.reminders.runDue()).map((o) => [o.kind, o.reminder, o.ref])).toEqual([
      ['reminded', 'commander', inChannel.ref],
      ['reminded', 'commander', noChannel.ref],
    ]);
    expect(await told('commander_nudge')).toEqual([
      { key: `incident:${inChannel.id}:reminder:commander:1`, lane: 'C0INC1', payload: { ref: inChannel.ref, drill: false, severity: 'sev3', status: 'triage' } },
      { key: `incident:${noChannel.id}:reminder:commander:1`, lane: 'C0ANNOUNCE', payload: { ref: noChannel.ref, drill: false, severity: 'sev3', status: 'triage' } },
    ]);
    advance(24 * 60);
    expect((await env.core.reminders.runDue()).filter((o) => o.reminder === 'commander')).toEqual([]);
  });
});

describe('the weekly stale list', () => {
  it('lists each commander’s incidents with no activity for a week, in one message per commander, once per slot', async () => {
    // Tuesday 24 November; the slot is Monday 7 December 09:00 in Paris (08:00Z).
    const quiet = await commanded('sev4');
    const busy = await commanded('sev4');
    env.clock.set('2026-12-05T10:00:00Z');
    await env.core.addNote(lead, busy.ref, 'still watching');
    env.clock.set('2026-12-07T08:00:30Z');
    expect(await env.core.reminders.runDueStaleList()).toMatchObject([{ kind: 'posted', commanders: 1 }]);
    expect(await env.core.reminders.runDueStaleList()).toEqual([]);
    const replica = createCore({ ...env.deps, reminders: { ...env.deps.reminders!, stale: { ...env.deps.reminders!.stale!, replicaId: 'replica-b' } } });
    expect(await replica.reminders.runDueStaleList()).toEqual([]);
    expect(await told('stale_list')).toEqual([
      {
        key: `stale@2026-12-07T08:00:00.000Z:${COMMANDER}`,
        lane: COMMANDER,
        payload: { userId: COMMANDER, incidents: [{ ref: quiet.ref, title: 'Payroll mailbox forwarding rule', severity: 'sev4', status: 'triage', drill: false, lastActivity: START.replace('Z', '.000Z') }] },
      },
    ]);
  });
});
