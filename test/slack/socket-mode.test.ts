// The real bot in Socket Mode (SLACK_APP_TOKEN set): it opens its connection through the emulator's
// apps.connections.open, every driver call goes over the socket (the emulator runs with socketMode, so nothing can
// quietly fall back to HTTP), /healthz still answers on PORT, and stop() closes the socket cleanly.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRampart, type RampartApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import type { EmuChannel, EmuUser } from '../../src/sandbox/emulator/types.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const BOT_TOKEN = 'xoxb-test-token';
const APP_TOKEN = 'xapp-1-A0RAMPART-1-test';
const cli = { id: 'cli', source: 'cli' } as const;

let emu: SlackEmulator;
let rampart: RampartApp;
let database: TestDatabase;
let lead: EmuUser;
let general: EmuChannel;
let incidents: EmuChannel;
beforeEach(async () => {
  // The signing secret is never used: nothing is sent over HTTP.
  emu = await SlackEmulator.start({ signingSecret: randomBytes(16).toString('hex'), botToken: BOT_TOKEN, appToken: APP_TOKEN, socketMode: true });
  lead = emu.user('lead');
  general = emu.channel('general');
  incidents = emu.channel('incidents');
  general.members.push(lead.id);
  database = await createTestDatabase();
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: emu.apiUrl,
    PORT: '0',
    METRICS_PORT: 'off',
    HOST: '127.0.0.1',
    INCIDENT_CHANNEL: incidents.id,
    RESPONDERS: lead.id,
    LOG_LEVEL: 'silent',
  });
  // No triggers: with INCIDENT_CHANNEL set, the digest's would run on the real clock.
  rampart = await startRampart(config, { database, slackRetries: 0, logger: createLogger('silent'), scheduler: false });
  await emu.waitFor(() => emu.socketConnections === 1);
});
afterEach(async () => {
  await rampart.stop();
  await emu.waitFor(() => emu.socketConnections === 0);
  await emu.close();
  await database.close();
});

async function declare(text: string) {
  const reply = await emu.slashCommand({ user: lead.id, channel: general.id, command: '/incident', text });
  await rampart.idle();
  return reply;
}

describe('Socket Mode', () => {
  it('connects with the app-level token and declares an incident over the socket', async () => {
    expect(emu.callsTo('apps.connections.open')).toMatchObject([{ status: 200, response: { ok: true } }]);
    const reply = await declare('declare Suspicious login on the VPN gateway --sev2');
    expect(reply).toMatchObject({ status: 200, via: 'socket' });
    expect(reply.timedOut).toBeUndefined();
    expect((reply.json as { text?: string }).text).toMatch(/INC-1\* is recorded/);
    const { incident } = await rampart.core.show(cli, 'INC-1');
    expect(incident).toMatchObject({ title: 'Suspicious login on the VPN gateway', severity: 'sev2' });
    const channel = emu.channelById(incident.channelId!);
    expect(channel?.members).toContain(lead.id);
    const confirmations = emu.allMessages().filter((m) => m.ephemeral && m.visible_to === lead.id);
    expect(confirmations.at(-1)?.text).toMatch(new RegExp(`INC-1\\* is declared .*<#${channel!.id}>`));
    expect(emu.messages(incidents.id).at(-1)?.text).toContain('INC-1');
  });

  it('stores a 📌 once when the event is redelivered with the same envelope and event id', async () => {
    await declare('declare Malware on a kiosk --sev3');
    const { incident } = await rampart.core.show(cli, 'INC-1');
    const channelId = incident.channelId!;
    const message = emu.postAsUser(lead.id, channelId, 'Kiosk 4 beacons to a known C2 address');
    const copies = async () => (await rampart.core.timeline(cli, 'INC-1')).events.filter((e) => e.kind === 'message_pinned');

    // Bolt acks Socket Mode events before its listeners run, so the ack says nothing about storage: wait for it.
    expect((await emu.react({ user: lead.id, channel: channelId, ts: message.ts, name: 'pushpin', eventId: 'EvSOCKET01' })).status).toBe(200);
    await expect.poll(copies).toHaveLength(1);
    expect((await copies())[0]).toMatchObject({ source: 'slack-reaction', payload: { ts: message.ts, text: 'Kiosk 4 beacons to a known C2 address', eventId: 'EvSOCKET01' } });

    const retry = await emu.react({ user: lead.id, channel: channelId, ts: message.ts, name: 'pushpin', eventId: 'EvSOCKET01', retryNum: 1 });
    expect(retry.status).toBe(200);
    // The redelivery reached the listener (it fetched the message again) and added nothing.
    await emu.waitFor(() => emu.callsTo('chat.getPermalink').length === 2);
    await rampart.idle();
    expect(await copies()).toHaveLength(1);
  });

  it('still answers /healthz on PORT, and has no HTTP endpoint for Slack', async () => {
    const health = await fetch(`${rampart.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`${rampart.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('closes the socket on stop() and does not reconnect', async () => {
    await rampart.stop();
    // The client closes with a normal close handshake (code 1000); the emulator counts the connection gone after it.
    await emu.waitFor(() => emu.socketConnections === 0);
    expect(emu.callsTo('apps.connections.open')).toHaveLength(1);
    await expect(emu.slashCommand({ user: lead.id, channel: general.id, command: '/incident', text: 'help' })).rejects.toThrow(/no bot is connected/);
  });

  it('acks an event only once it is stored, and acks what no listener handles instead of letting it time out', async () => {
    await declare('declare Odd login --sev3');
    const { incident } = await rampart.core.show(cli, 'INC-1');
    const message = emu.postAsUser(lead.id, incident.channelId!, 'Login from an unknown country');
    const reply = await emu.pin({ user: lead.id, channel: incident.channelId!, ts: message.ts });
    expect(reply).toMatchObject({ status: 200, via: 'socket' });
    // No idle(): the ack itself proves the copy is in the database.
    const { events } = await rampart.core.timeline(cli, 'INC-1');
    expect(events.filter((e) => e.kind === 'message_pinned')).toHaveLength(1);
    const unhandled = await emu.messageShortcut({ user: lead.id, channel: incident.channelId!, ts: message.ts, callbackId: 'not_ours' });
    expect(unhandled).toMatchObject({ status: 200, via: 'socket' });
    expect(unhandled.timedOut).toBeUndefined();
  });
});
