// The routed app dispatches each kind's exact ids through one Bolt listener: the handler for the id runs, no other,
// with Bolt's own arguments; what Bolt matches differently (view_closed, a second listener for one id) stays as it was.
import type { App, ReceiverEvent } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { RoutedApp } from '../../src/slack/routed-app.js';

const noReceiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };

function routedApp() {
  // Typed as the App it is used as: listeners register through Bolt's own signatures.
  const app: App = new RoutedApp({ token: 'xoxb-test', receiver: noReceiver as never, botId: 'B0BOT', botUserId: 'U0BOT', tokenVerificationEnabled: false });
  const ran: string[] = [];
  app.action('a1', async ({ ack, action }) => void (await ack(), ran.push(`a1:${(action as { action_id: string }).action_id}`)));
  app.action('a2', async ({ ack }) => void (await ack(), ran.push('a2')));
  app.action('a2', async () => void ran.push('a2 again'));
  app.view('v1', async ({ ack, view }) => void (await ack(), ran.push(`v1:${view.callback_id}`)));
  app.command('/incident', async ({ ack, command }) => void (await ack(), ran.push(`command:${command.text}`)));
  app.event('message', async ({ event }) => void ran.push(`message:${(event as { text?: string }).text}`));
  app.event('pin_added', async () => void ran.push('pin'));
  app.shortcut('s1', async ({ ack }) => void (await ack(), ran.push('s1')));
  return { app, ran };
}

async function deliver(app: App, body: Record<string, unknown>): Promise<void> {
  await app.processEvent({ body: { team_id: 'T1', ...body }, ack: async () => undefined } as unknown as ReceiverEvent);
}

const blockAction = (actionId: string) => ({
  type: 'block_actions',
  user: { id: 'U1', team_id: 'T1' },
  team: { id: 'T1' },
  trigger_id: 't',
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', action_ts: '1' }],
});

describe('the routed app', () => {
  it('registers one Bolt listener per kind, plus one for a second listener of an id', () => {
    const { app } = routedApp();
    expect((app as unknown as { listeners: unknown[] }).listeners).toHaveLength(6);
  });

  it('runs only the handler for the id, with Bolt’s arguments', async () => {
    const { app, ran } = routedApp();
    await deliver(app, blockAction('a1'));
    await deliver(app, blockAction('unknown'));
    await deliver(app, { command: '/incident', text: 'declare x', user_id: 'U1', channel_id: 'C1', trigger_id: 't' });
    await deliver(app, { type: 'event_callback', event_id: 'Ev1', event: { type: 'message', text: 'hello', user: 'U1', channel: 'C1', ts: '1.0' } });
    await deliver(app, { type: 'shortcut', callback_id: 's1', user: { id: 'U1' }, trigger_id: 't' });
    expect(ran).toEqual(['a1:a1', 'command:declare x', 'message:hello', 's1']);
  });

  it('runs both listeners registered for one id, as Bolt does', async () => {
    const { app, ran } = routedApp();
    await deliver(app, blockAction('a2'));
    expect(ran.sort()).toEqual(['a2', 'a2 again']);
  });

  it('sends a view submission to its callback id, and a closed view nowhere (as Bolt’s string constraint does)', async () => {
    const { app, ran } = routedApp();
    const view = { id: 'V1', callback_id: 'v1', private_metadata: '', state: { values: {} } };
    await deliver(app, { type: 'view_submission', user: { id: 'U1', team_id: 'T1' }, team: { id: 'T1' }, view });
    await deliver(app, { type: 'view_closed', user: { id: 'U1', team_id: 'T1' }, team: { id: 'T1' }, view });
    expect(ran).toEqual(['v1:v1']);
  });
});
