// A tiny stand-in for the bot, so the sandbox session can be tested against the real emulator without Rampart:
// it answers Slack's requests like a Bolt app would (ack, then background Web API calls) and reports when idle.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Obj = Record<string, unknown>;

/** A running fake bot. */
export interface FakeBot {
  url: string;
  /** Every request body it received, parsed (slash-command forms, event envelopes, interaction payloads). */
  received: Obj[];
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const plain = (text: string) => ({ type: 'plain_text', text });
const option = (value: string) => ({ value, text: plain(value.toUpperCase()) });

/** The form the "Open form" button opens. */
function formView(channel: string): Obj {
  return {
    type: 'modal',
    callback_id: 'form',
    private_metadata: channel,
    title: plain('Report something'),
    submit: plain('Send'),
    blocks: [
      { type: 'input', block_id: 'title', label: plain('Title'), element: { type: 'plain_text_input', action_id: 'v' } },
      { type: 'input', block_id: 'severity', label: plain('Severity'), element: { type: 'static_select', action_id: 'v', options: [option('sev1'), option('sev2')] } },
      { type: 'input', block_id: 'private', optional: true, label: plain('Private'), element: { type: 'checkboxes', action_id: 'v', options: [option('yes')] } },
    ],
  };
}

/** Starts the fake bot; it calls the Web API at apiUrl with the given token. */
export async function startFakeBot(apiUrl: string, token: string): Promise<FakeBot> {
  const background = new Set<Promise<unknown>>();
  const received: Obj[] = [];
  const later = (fn: () => Promise<unknown>): void => {
    const p = fn().finally(() => background.delete(p));
    background.add(p);
  };
  const api = async (method: string, args: Obj): Promise<Obj> => {
    const res = await fetch(`${apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(args),
    });
    return (await res.json()) as Obj;
  };

  const handle = (body: Obj, res: ServerResponse): void => {
    const json = (status: number, payload?: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(payload === undefined ? '' : JSON.stringify(payload));
    };
    if (body.command === '/fail') return json(500, { error: 'boom' });
    if (body.command === '/demo') {
      const channel = String(body.channel_id);
      later(() =>
        api('chat.postMessage', {
          channel,
          text: 'Demo',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: `Demo for <@${String(body.user_id)}> in <#${channel}>` } },
            { type: 'actions', elements: [{ type: 'button', action_id: 'open_form', text: plain('Open form') }] },
          ],
        }),
      );
      return json(200, { response_type: 'ephemeral', text: 'Starting the demo' });
    }
    const event = body.event as Obj | undefined;
    if (event?.type === 'reaction_added') {
      const item = event.item as Obj;
      later(() => api('chat.postMessage', { channel: item.channel, text: `saw :${String(event.reaction)}:` }));
      return json(200);
    }
    const payload = typeof body.payload === 'string' ? (JSON.parse(body.payload) as Obj) : undefined;
    if (payload?.type === 'block_actions') {
      const channel = String((payload.channel as Obj | undefined)?.id);
      later(() => api('views.open', { trigger_id: payload.trigger_id, view: formView(channel) }));
      return json(200);
    }
    if (payload?.type === 'view_submission') {
      const view = payload.view as Obj;
      const values = (view.state as Obj).values as Record<string, Record<string, Obj>>;
      const title = String(values.title?.v?.value ?? '');
      if (title.length < 3) return json(200, { response_action: 'errors', errors: { title: 'Too short' } });
      const severity = String((values.severity?.v?.selected_option as Obj | undefined)?.value);
      const isPrivate = ((values.private?.v?.selected_options as unknown[]) ?? []).length > 0;
      later(() => api('chat.postMessage', { channel: view.private_metadata, text: `Filed "${title}" ${severity} private=${isPrivate}` }));
      return json(200);
    }
    return json(200);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const isJson = (req.headers['content-type'] ?? '').includes('json');
      const body = isJson ? (JSON.parse(raw) as Obj) : Object.fromEntries(new URLSearchParams(raw));
      received.push(body);
      handle(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    idle: async () => {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
