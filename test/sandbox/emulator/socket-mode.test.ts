// Socket Mode in the emulator, seen from a bare WebSocket client: apps.connections.open with the app-level token,
// hello, envelopes for the driver calls, acks as the bot's answers, redeliveries, disconnect messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { FakeBot } from './helpers.js';
import { SECRET, TOKEN, actions, client, section, startFakeBot, testClock } from './helpers.js';

const APP_TOKEN = 'xapp-1-A0RAMPART-1-secret';

type Obj = Record<string, unknown>;

/** A Socket Mode client reduced to what the tests need: received messages in order, and send. */
interface Peer {
  socket: WebSocket;
  received: Obj[];
  /** Resolves with the first received message (from index `from` on) that matches. */
  next(match: (m: Obj) => boolean, from?: number): Promise<Obj>;
  ack(envelopeId: unknown, payload?: Obj): void;
}

let emu: SlackEmulator;
let bot: FakeBot;
let peers: Peer[];
beforeEach(async () => {
  bot = await startFakeBot();
  peers = [];
});
afterEach(async () => {
  for (const p of peers) p.socket.terminate();
  await emu.close();
  await bot.close();
});

async function start(opts: { socketMode?: boolean; ackTimeoutMs?: number } = {}): Promise<void> {
  emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN, appToken: APP_TOKEN, botUrl: bot.url, now: testClock().now, ...opts });
}

async function openUrl(token = APP_TOKEN): Promise<string> {
  const res = await client(emu, token).apps.connections.open({});
  return res.url!;
}

/** Connect and wait for the emulator to count the connection (it has sent hello by then). */
async function connect(url?: string): Promise<Peer> {
  const before = emu.socketConnections;
  const socket = new WebSocket(url ?? (await openUrl()));
  const received: Obj[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    received.push(JSON.parse(data.toString('utf8')) as Obj);
    for (const w of waiters) w();
  });
  const peer: Peer = {
    socket,
    received,
    next: (match, from = 0) =>
      new Promise((resolve) => {
        const check = () => {
          const found = received.slice(from).find(match);
          if (!found) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      }),
    ack: (envelopeId, payload) => socket.send(JSON.stringify({ envelope_id: envelopeId, ...(payload ? { payload } : {}) })),
  };
  peers.push(peer);
  await emu.waitFor(() => emu.socketConnections > before);
  return peer;
}

/** Answer every envelope with what `answer` returns for it. */
function autoAck(peer: Peer, answer: (envelope: Obj) => Obj | undefined = () => undefined): void {
  peer.socket.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as Obj;
    if (m.envelope_id) peer.ack(m.envelope_id, answer(m));
  });
}

describe('apps.connections.open', () => {
  it('answers the app-level token with a ws:// URL and refuses other tokens as Slack does', async () => {
    await start();
    expect(await openUrl()).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=\w+&app_id=A0RAMPART$/);
    await expect(openUrl(TOKEN)).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    await expect(openUrl('xapp-1-other')).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    expect(emu.callsTo('apps.connections.open').map((c) => c.response.error ?? 'ok')).toEqual(['ok', 'not_allowed_token_type', 'invalid_auth']);
  });

  it('refuses every app token when the emulator has none', async () => {
    emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN });
    await expect(openUrl()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('hands out one-time URLs', async () => {
    await start();
    const url = await openUrl();
    await connect(url);
    const again = new WebSocket(url);
    const status = await new Promise((resolve) =>
      again.on('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode);
      }),
    );
    expect(status).toBe(401);
  });
});

describe('a connection', () => {
  it('starts with hello carrying the app id', async () => {
    await start();
    const peer = await connect();
    expect(await peer.next(() => true)).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: expect.any(String), build_number: expect.any(Number), approximate_connection_time: expect.any(Number) },
      connection_info: { app_id: 'A0RAMPART' },
    });
    expect(emu.socketConnections).toBe(1);
  });

  it('carries slash commands as slash_commands envelopes; the ack payload is the answer', async () => {
    await start();
    const general = emu.channel('general');
    const alice = emu.user('alice');
    const peer = await connect();
    autoAck(peer, () => ({ text: 'Got it' }));
    const reply = await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: 'declare db down' });
    expect(reply).toEqual({ status: 200, body: '{"text":"Got it"}', json: { text: 'Got it' }, via: 'socket' });
    expect(peer.received[1]).toEqual({
      envelope_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: expect.objectContaining({ command: '/incident', text: 'declare db down', user_id: alice.id, channel_id: general.id, trigger_id: expect.any(String), response_url: expect.any(String) }),
    });
    expect(emu.messages(general.id)).toMatchObject([{ text: 'Got it', ephemeral: true, visible_to: alice.id, via: 'ack' }]);
    expect(bot.received).toEqual([]);
  });

  it('takes an empty ack as an empty answer', async () => {
    await start();
    const general = emu.channel('general');
    autoAck(await connect());
    expect(await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' })).toEqual({ status: 200, body: '', via: 'socket' });
    expect(emu.messages(general.id)).toEqual([]);
  });

  it('carries button clicks as interactive envelopes', async () => {
    await start();
    const ch = emu.channel('inc');
    await client(emu).chat.postMessage({ channel: ch.id, text: 'Ack?', blocks: [section('Ack?'), actions('b', [{ text: 'Ack', action_id: 'ack_page' }])] });
    const peer = await connect();
    autoAck(peer);
    await emu.clickButton({ user: 'bob', label: 'Ack' });
    expect(peer.received[1]).toMatchObject({ type: 'interactive', accepts_response_payload: true, payload: { type: 'block_actions', actions: [{ action_id: 'ack_page' }] } });
  });

  it('redelivers an event under the same envelope id with retry_attempt and retry_reason', async () => {
    await start();
    const ch = emu.channel('inc');
    const m = emu.postAsUser(emu.user('alice').id, ch.id, 'x');
    const peer = await connect();
    autoAck(peer);
    await emu.react({ user: 'bob', channel: ch.id, ts: m.ts, name: 'pushpin', eventId: 'Ev1' });
    await emu.react({ user: 'bob', channel: ch.id, ts: m.ts, name: 'pushpin', eventId: 'Ev1', retryNum: 1 });
    const [first, second] = peer.received.slice(1);
    expect(first).toMatchObject({ type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: { type: 'event_callback', event_id: 'Ev1', event: { type: 'reaction_added' } } });
    expect(second).toMatchObject({ envelope_id: first!.envelope_id, retry_attempt: 1, retry_reason: 'http_timeout', payload: { event_id: 'Ev1' } });
  });

  it('marks a late ack timedOut, and answers status 0 when the socket closes unacked', async () => {
    await start({ ackTimeoutMs: 50 });
    emu.channel('general');
    const peer = await connect();
    let timedOut = false;
    emu.onActivity((a) => (timedOut ||= a.kind === 'api_error' && a.call.response.error === 'operation_timeout'));
    const late = emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    const envelope = await peer.next((m) => m.type === 'slash_commands');
    await emu.waitFor(() => timedOut);
    peer.ack(envelope.envelope_id, { text: 'late' });
    expect(await late).toMatchObject({ status: 200, timedOut: true, via: 'socket' });

    const dropped = emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    await peer.next((m) => m.type === 'slash_commands', 2);
    peer.socket.close();
    expect(await dropped).toMatchObject({ status: 0, body: '' });
    await emu.waitFor(() => emu.socketConnections === 0);
  });

  it('sends disconnect messages, and drops connections when the emulator closes', async () => {
    await start();
    const peer = await connect();
    emu.disconnectSockets('warning');
    expect(await peer.next((m) => m.type === 'disconnect')).toEqual({ type: 'disconnect', reason: 'warning', debug_info: { host: expect.any(String) } });
    const closed = new Promise((resolve) => peer.socket.on('close', resolve));
    await emu.close();
    await closed;
    emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN }); // for afterEach
  });
});

describe('delivery mode', () => {
  it('uses HTTP while no bot is connected, and for sendRaw always', async () => {
    await start();
    emu.channel('general');
    expect((await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' })).via).toBe('http');
    autoAck(await connect());
    expect((await emu.sendRaw({ body: 'command=%2Fx', contentType: 'application/x-www-form-urlencoded' })).via).toBe('http');
    expect(bot.received).toHaveLength(2);
  });

  it('in socketMode, refuses to drive the bot while it is not connected', async () => {
    await start({ socketMode: true });
    emu.channel('general');
    await expect(emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' })).rejects.toThrow(/no bot is connected over Socket Mode/);
    expect(bot.received).toEqual([]);
  });
});
