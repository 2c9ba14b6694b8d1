import { describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/types.js';
import { formatActivity, formatMessage, type TranscriptContext } from '../../src/sandbox/transcript.js';

const ctx: TranscriptContext = {
  names: {
    user: (id) => ({ U0BOT: 'rampart', U1: 'you', U2: 'alice' })[id],
    channel: (id) => ({ C1: 'incidents', C2: 'general', D1: 'U2' })[id],
  },
  viewerId: 'U1',
};

/** A bot message in #incidents, with overrides. */
function aMessage(overrides: Partial<EmuMessage> = {}): EmuMessage {
  return { channel: 'C1', ts: '1700000000.000001', user: 'U0BOT', text: 'fallback', ephemeral: false, via: 'api', reactions: [], pinned: false, ...overrides };
}

describe('formatMessage', () => {
  it('prints the channel, author and text with mentions resolved', () => {
    expect(formatMessage(aMessage({ text: ':rotating_light: INC-1 declared by <@U2>' }), ctx)).toEqual(['[#incidents] rampart: :rotating_light: INC-1 declared by @alice']);
  });

  it('prefers blocks over the fallback text and indents later lines', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: '*INC-1* Phishing mail' } },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Start playbook' }, action_id: 'a' }] },
    ];
    expect(formatMessage(aMessage({ blocks }), ctx)).toEqual(['[#incidents] rampart: *INC-1* Phishing mail', '    [ Start playbook ]']);
  });

  it('marks ephemeral messages, threads, DMs, files and edits', () => {
    expect(formatMessage(aMessage({ channel: 'C2', ephemeral: true, visible_to: 'U1', via: 'ack', text: 'Usage' }), ctx)).toEqual(['[#general] (only visible to you) rampart: Usage']);
    expect(formatMessage(aMessage({ ephemeral: true, visible_to: 'U2', text: 'hi' }), ctx)).toEqual(['[#incidents] (only visible to @alice) rampart: hi']);
    expect(formatMessage(aMessage({ thread_ts: '1.000001', text: 'reply' }), ctx)).toEqual(['[#incidents › thread] rampart: reply']);
    expect(formatMessage(aMessage({ channel: 'D1', text: 'psst', files: [{ id: 'F1', name: 'r.md', title: 'Report' }] }), ctx)).toEqual(['[DM @alice] rampart: psst', '    [file: Report]']);
    expect(formatMessage(aMessage({ text: 'now closed' }), ctx, 'updated')).toEqual(['[#incidents] rampart (updated): now closed']);
  });
});

describe('formatActivity', () => {
  it('prints deletions, channels, members and failed API calls', () => {
    const channel = { id: 'C9', name: 'inc-1-phishing', is_private: true, members: [], topic: '', purpose: '', created: 0 };
    expect(formatActivity({ kind: 'message_updated', message: aMessage({ deleted: true }) }, ctx)).toEqual(['[#incidents] rampart (deleted): [message deleted]']);
    expect(formatActivity({ kind: 'channel_created', channel }, ctx)).toEqual(['· #inc-1-phishing was created (private)']);
    expect(formatActivity({ kind: 'member_joined', channel, user: { id: 'U2', name: 'alice', real_name: 'Alice', is_bot: false } }, ctx)).toEqual(['· @alice joined #inc-1-phishing']);
    const call = { method: 'chat.postMessage', params: {}, status: 200, response: { ok: false, error: 'not_in_channel' }, at: 0 };
    expect(formatActivity({ kind: 'api_error', call }, ctx)).toEqual(["! the bot's call to chat.postMessage failed: not_in_channel"]);
    const late = { method: 'ack', params: {}, status: 0, response: { ok: false, error: 'operation_timeout' }, at: 0 };
    expect(formatActivity({ kind: 'api_error', call: late }, ctx)).toEqual(['! the bot took more than 3 seconds to answer; Slack would show: operation_timeout']);
  });

  it('frames modals and marks updates', () => {
    const view = { id: 'V1', user: 'U1', hash: 'h', closed: false, view: { type: 'modal', title: { type: 'plain_text', text: 'Close INC-1' }, blocks: [] } };
    expect(formatActivity({ kind: 'view_updated', view }, ctx)[0]).toBe('┌─ Modal (updated): Close INC-1');
    expect(formatActivity({ kind: 'view_opened', view: { ...view, user: 'U2' } }, ctx)[0]).toBe('┌─ Modal: Close INC-1 (shown to @alice)');
  });
});
