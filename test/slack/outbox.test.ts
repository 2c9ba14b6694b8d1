// The Slack outbox through the real Bolt app: with the emulator failing a share of chat.postMessage and
// conversations.invite calls (429 with Retry-After, 500s, resets before and after the call took effect, slow answers
// past the client's timeout), every change is in the database at once, and once the faults stop every message lands
// exactly once, each channel paced, each Retry-After honoured. Time is a fake clock the worker's sleeps move.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRampart, type RampartApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { slackOutbox } from '../../src/db/schema.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import type { EmuCall, EmuUser } from '../../src/sandbox/emulator/types.js';
import { OUTBOX_EVENT_TYPE } from '../../src/slack/outbox/send.js';
import { isMessage, type NotificationKind } from '../../src/core/outbox/notifications.js';
import { CLI } from '../support/slack-state.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const PACE_MS = 1_000;
const RETRY_AFTER_S = 7;

let emu: SlackEmulator;
let rampart: RampartApp;
let database: TestDatabase;
let lead: EmuUser;
let now: number;

beforeEach(async () => {
  // Starts at the real time and only moves forward: Bolt refuses requests dated in its past.
  now = Date.now();
  const signingSecret = randomBytes(16).toString('hex');
  emu = await SlackEmulator.start({ signingSecret, botToken: 'xoxb-test-token', now: () => now });
  lead = emu.user('lead');
  const incidents = emu.channel('incidents');
  database = await createTestDatabase();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emu.apiUrl,
    PORT: '0',
    METRICS_PORT: 'off',
    HOST: '127.0.0.1',
    INCIDENT_CHANNEL: incidents.id,
    RESPONDERS: lead.id,
    LOG_LEVEL: 'silent',
  });
  rampart = await startRampart(config, {
    database,
    logger: createLogger('silent'),
    slackRetries: 0,
    scheduler: false,
    clock: { now: () => new Date(now) },
    // Waits move the fake clock: nothing sleeps in real time.
    sleep: async (ms) => {
      now += ms;
    },
    // A client timeout short enough that the emulator's slow answers (real time) exceed it.
    outbox: { timeoutMs: 150, paceMs: PACE_MS, pollMs: 60_000 },
  });
  emu.setBotUrl(`${rampart.url}/slack/events`);
});
afterEach(async () => {
  await rampart.stop();
  await emu.close();
  await database.close();
});

async function incident(text: string): Promise<void> {
  const reply = await emu.slashCommand({ user: lead.id, channel: emu.channel('general').id, command: '/incident', text });
  expect(reply.status).toBe(200);
  await rampart.idle();
}

const keyOf = (c: EmuCall) => (c.params.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
const outboxPosts = () => emu.callsTo('chat.postMessage').filter((c) => keyOf(c) !== undefined);

function injectFaults(): void {
  let seed = 1;
  for (const method of ['chat.postMessage', 'conversations.invite']) {
    emu.injectFault({ method, kind: 'rate_limited', retryAfterSeconds: RETRY_AFTER_S, share: 0.12, seed: seed++ });
    emu.injectFault({ method, kind: 'http_error', status: 500, share: 0.12, seed: seed++ });
    emu.injectFault({ method, kind: 'reset', share: 0.1, seed: seed++ });
    emu.injectFault({ method, kind: 'reset', handled: true, share: 0.12, seed: seed++ });
    emu.injectFault({ method, kind: 'delay', ms: 300, handled: true, share: 0.1, seed: seed++ });
    emu.injectFault({ method, kind: 'delay', ms: 20, share: 0.1, seed: seed++ });
  }
  emu.injectFault({ method: 'conversations.history', kind: 'http_error', status: 503, share: 0.1, seed: seed++ });
}

describe('the Slack outbox under faults', () => {
  it('keeps every change, then delivers every message exactly once, paced, honouring Retry-After', async () => {
    for (const title of ['Website defaced --public', 'Phishing wave --public', 'Tabletop exercise --public --drill']) await incident(`declare ${title} --sev3`);
    const expected: { channel: string; text: string }[] = [];
    const { incident: drill } = await rampart.core.show(CLI, 'INC-3');
    expect(drill.drill).toBe(true);
    const people = ['carol', 'dave', 'erin'].map((n) => emu.user(n));

    injectFaults();
    for (const n of [1, 2, 3]) {
      const { incident: inc } = await rampart.core.show(CLI, `INC-${n}`);
      const prefix = n === 3 ? ':construction: *DRILL* · ' : '';
      const say = (text: string) => expected.push({ channel: inc.channelId!, text: `${prefix}${text}` });
      for (const [from, to] of [['sev3', 'sev1'], ['sev1', 'sev2'], ['sev2', 'sev1']]) {
        await incident(`severity INC-${n} ${to}`);
        say(`*INC-${n}* severity: ${from} → *${to}* (by <@${lead.id}>)`);
      }
      for (const [from, to] of [['triage', 'investigating'], ['investigating', 'contained'], ['contained', 'resolved']]) {
        await incident(`status INC-${n} ${to}`);
        say(`*INC-${n}* status: ${from} → *${to}* (by <@${lead.id}>)`);
      }
      for (const [role, who] of [['commander', people[0]!], ['scribe', people[n % 3]!]] as const) {
        await incident(`assign INC-${n} ${role} <@${who.id}|${who.name}>`);
        say(`<@${who.id}> is now *${role}* of *INC-${n}* (by <@${lead.id}>)`);
      }
    }

    // Every change is stored, whatever Slack answered.
    for (const n of [1, 2, 3]) {
      const { incident: inc, events } = await rampart.core.timeline(CLI, `INC-${n}`);
      expect(inc).toMatchObject({ severity: 'sev1', status: 'resolved', commanderId: people[0]!.id, scribeId: people[n % 3]!.id });
      expect(events.filter((e) => ['severity_changed', 'status_changed', 'role_assigned'].includes(e.kind))).toHaveLength(8);
    }
    const rows = await database.db.select().from(slackOutbox);
    expect(rows.filter((r) => r.kind === 'incident_changed')).toHaveLength(expected.length);
    // A minute of polls with the faults still on: retries fail and back off again.
    for (let i = 0; i < 20; i++) {
      now += 3_000;
      rampart.outbox.notify();
      await rampart.outbox.idle();
    }
    // The faults did bite (otherwise this test proves nothing).
    expect(emu.calls.filter((c) => c.status !== 200).length).toBeGreaterThan(10);

    emu.clearFaults();
    await rampart.outbox.drain();

    const settled = await database.db.select().from(slackOutbox);
    expect(settled.filter((r) => !r.deliveredAt).map((r) => [r.key, r.lastError, r.failedAt])).toEqual([]);
    // Exactly once: every expected text once in its channel, and every outbox key once across all messages.
    for (const { channel, text } of expected) expect(emu.messages(channel).filter((m) => m.text === text)).toHaveLength(1);
    const keys = emu.allMessages().flatMap((m) => (m.metadata?.event_type === OUTBOX_EVENT_TYPE ? [String(m.metadata.event_payload.key)] : []));
    // Updates in place (the incident card, the announcement; issue 15) post no new message, so carry no key.
    const inPlace = new Set(['card_refreshed', 'announcement_revised']);
    expect(keys.length).toBe(settled.filter((r) => isMessage(r.kind as NotificationKind) && !inPlace.has(r.kind)).length);
    expect(new Set(keys).size).toBe(keys.length);
    // Some retries found their message already posted (an answer lost after the call took effect).
    expect(settled.some((r) => (r.result as { found?: boolean } | null)?.found === true)).toBe(true);
    // Assignees are in their channels; the declarations were announced once each.
    for (const n of [1, 2, 3]) {
      const { incident: inc } = await rampart.core.show(CLI, `INC-${n}`);
      expect(emu.channelById(inc.channelId!)!.members).toEqual(expect.arrayContaining([people[0]!.id, people[n % 3]!.id]));
    }
    expect(emu.messages(emu.channel('incidents').id).filter((m) => /declared/.test(m.text))).toHaveLength(3);

    // Pacing: in each channel, outbox calls are at least PACE_MS apart on the (fake) clock.
    const byChannel = new Map<string, EmuCall[]>();
    for (const c of outboxPosts()) byChannel.set(String(c.params.channel), [...(byChannel.get(String(c.params.channel)) ?? []), c]);
    for (const calls of byChannel.values()) {
      for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(PACE_MS);
    }
    expect(rampart.outbox.waits.length).toBeGreaterThan(0);
    // Retry-After: after a 429, the same message is not tried again before Slack said.
    const limited = outboxPosts().filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const c of limited) {
      const next = outboxPosts().find((d) => keyOf(d) === keyOf(c) && d.at > c.at);
      expect(next, `a retry of ${keyOf(c)}`).toBeDefined();
      expect(next!.at - c.at).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1_000);
    }
  }, 120_000);

  it('gives up on an error retrying cannot fix, records it and tells the caller; the change stays', async () => {
    await incident('declare Website defaced --sev3 --public');
    emu.injectFault({ method: 'chat.postMessage', kind: 'slack_error', error: 'not_in_channel' });
    await incident('severity INC-1 sev2');
    const { incident: inc, events } = await rampart.core.timeline(CLI, 'INC-1');
    expect(inc.severity).toBe('sev2');
    expect(events.at(-1)).toMatchObject({ kind: 'slack_call_failed', payload: { action: 'posting the change in the incident channel', error: 'not_in_channel' } });
    const warning = emu.allMessages().filter((m) => m.ephemeral && m.visible_to === lead.id).at(-1);
    expect(warning?.text).toBe(':warning: posting the change in the incident channel failed (not_in_channel); the change is saved.');
    const [row] = (await database.db.select().from(slackOutbox)).filter((r) => r.kind === 'incident_changed');
    expect(row).toMatchObject({ attempts: 1, lastError: 'not_in_channel' });
    expect(row!.failedAt).not.toBeNull();
  });
});
