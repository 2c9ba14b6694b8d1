// End to end with a real Bolt app: Bolt's own signature check accepts the emulator's requests, and acks,
// respond() and client calls land in the emulator as they would in Slack. Uses the real clock, since
// Bolt checks request timestamps against Date.now.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App, LogLevel } from '@slack/bolt';
import { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { SECRET, TOKEN } from './helpers.js';

let emu: SlackEmulator;
let app: App;
beforeEach(async () => {
  emu = await SlackEmulator.start({ signingSecret: SECRET, botToken: TOKEN });
  app = new App({ signingSecret: SECRET, token: TOKEN, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } } });
});
afterEach(async () => {
  await app.stop();
  await emu.close();
});

async function startApp(): Promise<void> {
  const server = (await app.start(0)) as Server;
  emu.setBotUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
}

describe('with a Bolt app', () => {
  it('runs a command that opens a modal, validates it, and posts on submission', async () => {
    app.command('/incident', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'declare',
          title: { type: 'plain_text', text: 'Declare incident' },
          submit: { type: 'plain_text', text: 'Declare' },
          private_metadata: body.channel_id,
          blocks: [{ type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'v' } }],
        },
      });
    });
    app.view('declare', async ({ ack, view, client }) => {
      const title = view.state.values.title?.v?.value ?? '';
      if (title.length < 5) return ack({ response_action: 'errors', errors: { title: 'Too short' } });
      await ack();
      await client.chat.postMessage({ channel: view.private_metadata, text: `Incident declared: ${title}` });
    });
    await startApp();
    const ch = emu.channel('general');
    const reply = await emu.slashCommand({ user: 'alice', channel: 'general', command: '/incident', text: '' });
    expect(reply.status).toBe(200);
    const alice = emu.user('alice');
    // Bolt answers at ack(), before views.open: wait for the outcome rather than for time.
    const opened = await emu.waitFor(() => emu.openView(alice.id));
    expect(opened.view).toMatchObject({ callback_id: 'declare' });
    await emu.submitView({ user: 'alice', values: { Title: 'db' } });
    expect(emu.openView(alice.id)?.errors).toEqual({ title: 'Too short' });
    await emu.submitView({ user: 'alice', values: { Title: 'Database down' } });
    expect(emu.openView(alice.id)).toBeUndefined();
    await emu.waitFor(() => emu.messages(ch.id).length > 0);
    expect(emu.messages(ch.id).map((m) => m.text)).toEqual(['Incident declared: Database down']);
  });

  it('handles a button with respond() replacing the original, and rejects a forged signature', async () => {
    app.action('ack_incident', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Acknowledged' });
    });
    await startApp();
    const ch = emu.channel('general');
    const posted = await app.client.chat.postMessage({
      channel: ch.id,
      text: 'Incident',
      blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Acknowledge' }, action_id: 'ack_incident' }] }],
    });
    await emu.clickButton({ user: 'alice', label: 'Acknowledge' });
    const replaced = await emu.waitFor(() => emu.messages(ch.id).find((m) => m.ts === posted.ts && m.text === 'Acknowledged'));
    expect(replaced.blocks).toBeUndefined();
    const forged = await emu.sendRaw({ body: 'payload=%7B%7D', contentType: 'application/x-www-form-urlencoded', signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
  });
});
