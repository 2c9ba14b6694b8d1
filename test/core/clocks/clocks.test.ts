// Notification clocks through core on a real database with a fixed clock: a GDPR clock's reminders go to the commander
// 24 h, 4 h and 1 h before the deadline and the overdue notice at it, each once; "notified" ends a deadline's reminders;
// a back-dated awareness makes a deadline overdue at once; a stop ends every reminder; a restart between a reminder's
// time and the sweep neither loses nor doubles it; who may start clocks, and what others see of a private incident's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createCore, type Core } from '../../../src/core/core.js';
import { slackOutbox, timelineEvents } from '../../../src/db/schema.js';
import { parseRegimes } from '../../../src/core/clocks/load.js';
import { emptyTestDatabase } from '../../support/db.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';

const COMMANDER = 'U0COMMAND';
const H = 3_600_000;
const MIN = 60_000;
const START = '2026-11-24T10:00:00Z';
const lead = slackUser(RESPONDER);
const cli = { id: 'cli', source: 'cli' as const };
const DORA = parseRegimes('regimes:\n  - id: dora\n    name: DORA\n    deadlines:\n      - { id: initial, label: Initial notification, after: 4h }\n', 'regimes.yaml');

let env: Awaited<ReturnType<typeof testCore>>;
let core: Core;
const settings = { regimes: DORA, reminderOffsets: [24 * H, 4 * H, H], responders: ['U0ONCALL1', 'U0ONCALL2'] };
beforeAll(async () => {
  env = await testCore({ now: START });
  core = createCore({ ...env.deps, clocks: settings });
});
afterAll(() => env.close());
beforeEach(async () => {
  await emptyTestDatabase(env.database);
  env.clock.set(START);
});

/** Clock reminders enqueued, oldest first. */
async function told() {
  const rows = await env.database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, 'clock_reminder')).orderBy(asc(slackOutbox.id));
  return rows.map((r) => ({ key: r.key, lane: r.lane, payload: r.payload as Record<string, unknown> }));
}

async function eventsOf(incidentId: number, kind: string) {
  const rows = await env.database.db
    .select()
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, kind)))
    .orderBy(asc(timelineEvents.seq));
  return rows.map((r) => ({ actor: r.actor, occurredAt: r.occurredAt, payload: r.payload as Record<string, unknown> }));
}

async function commanded(opts: { private?: boolean } = {}) {
  const { incident } = await core.declare(lead, { title: 'Customer export left on a public bucket', severity: 'sev2', private: opts.private ?? false });
  await core.assignRole(lead, incident.ref, 'commander', COMMANDER);
  return incident;
}

/** Sweeps every `step` minutes (the scheduler's is one) for `minutes`, returning what was reminded. */
async function sweep(minutes: number, step = 1) {
  const out = [];
  for (let m = 0; m < minutes; m += step) {
    env.clock.advance(step * MIN);
    out.push(...(await core.clocks.runDue()));
  }
  return out;
}

describe('a GDPR clock', () => {
  it('starts with its 72-hour deadline and a clock_started event, and reminds the commander 24 h, 4 h and 1 h before, then once overdue', async () => {
    const incident = await commanded();
    const started = await core.clocks.start(slackUser(COMMANDER), incident.ref, { regime: 'gdpr', why: 'customer names and emails' });
    expect(started.deadlines.map((d) => [d.deadline, d.dueAt.toISOString()])).toEqual([['authority', '2026-11-27T10:00:00.000Z']]);
    expect((await eventsOf(incident.id, 'clock_started'))[0]).toMatchObject({
      actor: COMMANDER,
      payload: { regime: 'gdpr', regimeName: 'GDPR Art. 33', awareAt: '2026-11-24T10:00:00.000Z', why: 'customer names and emails', deadlines: [{ deadline: 'authority', dueAt: '2026-11-27T10:00:00.000Z' }] },
    });
    expect((await eventsOf(incident.id, 'clock_started'))[0]!.payload.backdated).toBeUndefined();

    // Up to a minute before the first reminder (48 h after awareness): nothing.
    env.clock.set('2026-11-26T09:59:00Z');
    expect(await core.clocks.runDue()).toEqual([]);
    const first = await sweep(1);
    expect(first).toMatchObject([{ kind: 'reminded', slot: 'before-1440m', keys: [`clock:${started.clock.id}:authority:before-1440m:${COMMANDER}`] }]);
    expect(await core.clocks.runDue()).toEqual([]);
    // The rest of the three days, minute by minute: the 4 h and 1 h reminders and the overdue notice, each once.
    const rest = await sweep(24 * 60 + 5);
    expect(rest.map((o) => [o.kind, o.slot])).toEqual([
      ['reminded', 'before-240m'],
      ['reminded', 'before-60m'],
      ['reminded', 'overdue'],
    ]);
    const messages = await told();
    expect(messages.map((m) => m.lane)).toEqual([COMMANDER, COMMANDER, COMMANDER, COMMANDER]);
    expect(messages[3]!.payload).toEqual({
      ref: incident.ref,
      drill: false,
      userId: COMMANDER,
      regime: 'gdpr',
      regimeName: 'GDPR Art. 33',
      deadline: 'authority',
      label: 'Notify the supervisory authority',
      dueAt: '2026-11-27T10:00:00.000Z',
      overdue: true,
    });
    // The miss is on the timeline, at the deadline.
    expect(await eventsOf(incident.id, 'clock_deadline_missed')).toMatchObject([{ actor: 'rampart', occurredAt: new Date('2026-11-27T10:00:00Z'), payload: { deadline: 'authority' } }]);
    const listed = await core.clocks.list(lead, incident.ref);
    expect(listed.clocks[0]).toMatchObject({ redacted: false, deadlines: [{ deadline: 'authority', status: 'overdue' }] });
    expect((await core.clocks.summaries([incident.id])).get(incident.id)).toMatchObject({ overdue: 1, next: { label: 'Notify the supervisory authority', overdue: true } });
  });

  it('recorded as notified (when, to whom, a reference) sends no more reminders for that deadline; met or late is kept', async () => {
    const incident = await commanded();
    await core.clocks.start(lead, incident.ref, { regime: 'nis2' });
    await sweep(60);
    env.clock.set('2026-11-24T20:00:00Z');
    // The early warning, given at 19:30 and recorded at 20:00, by the responder.
    const view = await core.clocks.notified(lead, incident.ref, { regime: 'nis2', to: 'CERT-FR', reference: 'CERTFR-2026-1234', at: '2026-11-24T19:30Z' });
    expect(view.deadlines.find((d) => d.deadline === 'early-warning')).toMatchObject({ notifiedTo: 'CERT-FR', reference: 'CERTFR-2026-1234', notifiedAt: new Date('2026-11-24T19:30:00Z') });
    expect(await eventsOf(incident.id, 'clock_notified')).toMatchObject([
      { occurredAt: new Date('2026-11-24T19:30:00Z'), payload: { deadline: 'early-warning', to: 'CERT-FR', reference: 'CERTFR-2026-1234', late: false } },
    ]);
    env.clock.set('2026-11-26T09:00:00Z');
    const outcomes = await sweep(2 * 24 * 60, 10);
    // No early-warning reminder ever went out; the notification's (72 h) did.
    expect(outcomes.filter((o) => o.deadline === 'early-warning')).toEqual([]);
    expect(outcomes.filter((o) => o.kind === 'reminded').map((o) => [o.deadline, o.slot])).toEqual([
      ['notification', 'before-1440m'],
      ['notification', 'before-240m'],
      ['notification', 'before-60m'],
      ['notification', 'overdue'],
    ]);
    // Notified late: recorded, and marked late.
    await core.clocks.notified(slackUser(COMMANDER), incident.ref, { regime: 'nis2', deadline: 'notification', to: 'CERT-FR' });
    const listed = await core.clocks.list(lead, incident.ref);
    expect(listed.clocks[0]).toMatchObject({ deadlines: [{ status: 'met' }, { status: 'late' }, { deadline: 'final-report', status: 'open' }] });
    await expect(core.clocks.notified(lead, incident.ref, { regime: 'nis2', deadline: 'notification', to: 'again' })).rejects.toThrow('was already notified');
    await expect(core.clocks.notified(lead, incident.ref, { regime: 'nis2', deadline: 'final', to: 'x' })).rejects.toThrow('has no deadline "final"; its deadlines are early-warning, notification, final-report');
    await expect(core.clocks.notified(lead, incident.ref, { regime: 'nis2', to: '   ' })).rejects.toThrow('Say to whom');
    // The report lists the clock with each deadline's standing when it was made.
    const { source } = await core.report(lead, incident.ref, { verify: false });
    expect(source.header.clocks).toMatchObject([{ regime: 'nis2', state: 'running', deadlines: [{ status: 'met', notifiedTo: 'CERT-FR' }, { status: 'late' }, { status: 'open' }] }]);
  });

  it('back-dated needs a reason, and a deadline already passed is overdue at once: the next sweep sends its notice', async () => {
    const incident = await commanded();
    await expect(core.clocks.start(lead, incident.ref, { regime: 'gdpr', aware: '2026-11-20 09:00' })).rejects.toThrow('Awareness is back-dated: say why');
    await core.clocks.start(lead, incident.ref, { regime: 'gdpr', aware: '2026-11-20 09:00', reason: 'the DPO was told on Friday and nobody opened an incident' });
    expect((await eventsOf(incident.id, 'clock_started'))[0]!.payload).toMatchObject({ backdated: true, reason: 'the DPO was told on Friday and nobody opened an incident', awareAt: '2026-11-20T08:00:00.000Z' });
    expect((await core.clocks.summaries([incident.id])).get(incident.id)).toMatchObject({ overdue: 1, next: { overdue: true } });
    // App Home lists it among the deadlines, overdue said.
    expect((await core.home.read(slackUser(COMMANDER))).extra.deadlines).toContainEqual({ ref: incident.ref, what: 'GDPR Art. 33: Notify the supervisory authority (OVERDUE)', at: new Date('2026-11-23T08:00:00Z') });
    // Only the overdue notice: the reminders before it are long past.
    expect((await core.clocks.runDue()).map((o) => [o.kind, o.slot])).toEqual([['reminded', 'overdue']]);
    expect(await core.clocks.runDue()).toEqual([]);
    expect(await eventsOf(incident.id, 'clock_deadline_missed')).toHaveLength(1);
  });

  it('started late sends the latest reminder already passed at once, not all of them', async () => {
    const incident = await commanded();
    await core.clocks.start(lead, incident.ref, { regime: 'gdpr', aware: '70h ago', reason: 'found in the weekly log review' });
    expect((await core.clocks.runDue()).map((o) => o.slot)).toEqual(['before-240m']);
    expect((await sweep(60)).map((o) => o.slot)).toEqual(['before-60m']);
  });

  it('stopped (no personal data after all) sends nothing more; the stop and its reason are on the timeline', async () => {
    const incident = await commanded();
    await core.clocks.start(lead, incident.ref, { regime: 'gdpr' });
    await core.clocks.stop(slackUser(COMMANDER), incident.ref, { regime: 'gdpr', reason: 'the bucket held test data only' });
    env.clock.set('2026-11-28T00:00:00Z');
    expect(await core.clocks.runDue()).toEqual([]);
    expect(await told()).toEqual([]);
    expect(await eventsOf(incident.id, 'clock_stopped')).toMatchObject([{ payload: { regime: 'gdpr', reason: 'the bucket held test data only' } }]);
    expect((await core.clocks.list(lead, incident.ref)).clocks[0]).toMatchObject({ state: 'stopped', deadlines: [{ status: 'stopped' }] });
    await expect(core.clocks.stop(lead, incident.ref, { regime: 'gdpr' })).rejects.toThrow('has no running GDPR Art. 33 clock');
    // A new clock of the same regime may start once the old one stopped.
    await core.clocks.start(lead, incident.ref, { regime: 'gdpr', aware: '1h ago', reason: 'personal data found after all' });
  });
});

describe('metrics', () => {
  it('count the period’s deadlines met and missed; drills and stopped clocks’ unrequired notices are left out', async () => {
    const met = await commanded();
    const missed = await commanded();
    const stopped = await commanded();
    const { incident: drill } = await core.declare(lead, { title: 'Tabletop: leaked backup', severity: 'sev2', drill: true });
    for (const i of [met, missed, stopped, drill]) await core.clocks.start(lead, i.ref, { regime: 'gdpr', aware: '2026-11-20 09:00', reason: 'found late' });
    await core.clocks.notified(lead, met.ref, { regime: 'gdpr', to: 'CNIL', at: '2026-11-22 10:00' });
    await core.clocks.stop(lead, stopped.ref, { regime: 'gdpr', reason: 'no personal data after all' });
    expect((await core.stats(lead, '30d')).notificationDeadlines).toEqual({ met: 1, missed: 1 });
    // Notified late still counts as missed.
    await core.clocks.notified(lead, missed.ref, { regime: 'gdpr', to: 'CNIL' });
    expect((await core.stats(lead, '30d')).notificationDeadlines).toEqual({ met: 1, missed: 1 });
  });
});

describe('reminders across restarts', () => {
  it('a restart between a reminder’s time and the sweep neither loses nor doubles it', async () => {
    const incident = await commanded();
    const started = await core.clocks.start(lead, incident.ref, { regime: 'gdpr' });
    // Every replica is down from before the first reminder's time until well after it.
    env.clock.set('2026-11-26T12:00:00Z');
    const restarted = createCore({ ...env.deps, clocks: settings });
    expect((await restarted.clocks.runDue()).map((o) => o.slot)).toEqual(['before-1440m']);
    // The old process's sweep, still finishing, and the new one's next: nothing twice.
    expect(await core.clocks.runDue()).toEqual([]);
    expect(await restarted.clocks.runDue()).toEqual([]);
    expect((await told()).map((t) => t.key)).toEqual([`clock:${started.clock.id}:authority:before-1440m:${COMMANDER}`]);
  });
});

describe('who is told', () => {
  it('without a commander, each responder RESPONDERS names; without those either, the incident channel', async () => {
    const { incident } = await core.declare(lead, { title: 'Lost laptop with HR files', severity: 'sev3' });
    await core.clocks.start(lead, incident.ref, { regime: 'dora' });
    // Its 4-hour deadline: the reminder 4 h before is due at the start, so it goes out at once; the 1 h one at 13:00.
    expect(await core.clocks.runDue()).toMatchObject([{ kind: 'reminded', slot: 'before-240m', keys: [expect.stringMatching(/:U0ONCALL1$/), expect.stringMatching(/:U0ONCALL2$/)] }]);
    env.clock.set('2026-11-24T13:00:00Z');
    expect((await core.clocks.runDue()).map((o) => o.slot)).toEqual(['before-60m']);

    const noResponders = createCore({ ...env.deps, clocks: { ...settings, responders: [] } });
    await core.attachChannel(incident.id, { id: 'C0INCIDENT', name: 'inc-lost-laptop', private: true });
    env.clock.set('2026-11-24T14:00:00Z');
    expect((await noResponders.clocks.runDue())[0]).toMatchObject({ kind: 'reminded', slot: 'overdue', keys: [expect.stringMatching(/:C0INCIDENT$/)] });
    expect((await told()).at(-1)).toMatchObject({ lane: 'C0INCIDENT', payload: { overdue: true, regime: 'dora', label: 'Initial notification' } });
  });
});

describe('access', () => {
  it('the commander and responders start and record clocks; anyone else is refused and nothing is written', async () => {
    const incident = await commanded();
    await expect(core.clocks.start(slackUser(OUTSIDER), incident.ref, { regime: 'gdpr' })).rejects.toThrow(/Only its commander and responders can start, record or stop/);
    expect(await core.clocks.list(lead, incident.ref)).toMatchObject({ clocks: [] });
    await core.clocks.start(slackUser(COMMANDER), incident.ref, { regime: 'gdpr' });
    await expect(core.clocks.notified(slackUser(OUTSIDER), incident.ref, { regime: 'gdpr', to: 'CNIL' })).rejects.toThrow(/commander and responders/);
    await expect(core.clocks.start(cli, incident.ref, { regime: 'gdpr' })).rejects.toThrow('already has a running GDPR Art. 33 clock');
    await expect(core.clocks.start(cli, incident.ref, { regime: 'hipaa' })).rejects.toThrow('"hipaa" is not a notification regime here; choose one of gdpr, nis2, dora');
    await expect(core.clocks.start(cli, incident.ref, { regime: 'nis2', aware: 'tomorrow' })).rejects.toThrow('is not a time I understand');
  });

  it('across incidents, a private incident the reader may not see is listed by its reference only', async () => {
    const open = await commanded();
    const secret = await commanded({ private: true });
    await core.clocks.start(lead, open.ref, { regime: 'gdpr' });
    await core.clocks.start(lead, secret.ref, { regime: 'gdpr', aware: '2h ago', reason: 'reported by a customer' });
    await core.clocks.start(lead, secret.ref, { regime: 'nis2', aware: '2h ago', reason: 'reported by a customer' });
    const outsider = await core.clocks.list(slackUser(OUTSIDER), undefined);
    expect(outsider.clocks).toEqual([
      expect.objectContaining({ redacted: false, ref: open.ref }),
      { redacted: true, ref: secret.ref, incidentNumber: secret.number },
    ]);
    await expect(core.clocks.list(slackUser(OUTSIDER), secret.ref)).rejects.toThrow(`${secret.ref} is private`);
    // Responders see both, the most urgent first (NIS2's 24 h early warning, then the back-dated GDPR clock).
    expect((await core.clocks.list(lead, undefined)).clocks.map((c) => (c.redacted ? c.ref : `${c.ref} ${c.regime}`))).toEqual([`${secret.ref} nis2`, `${secret.ref} gdpr`, `${open.ref} gdpr`]);
  });
});
