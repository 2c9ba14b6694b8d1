// Keeps manifest.json in step with the code: every command, shortcut, modal and event the code registers is declared,
// nothing is declared that the code does not handle, and every Web API method the code calls has its scope.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { registerListeners } from '../../src/slack/app.js';
import type { SlackDeps } from '../../src/slack/deps.js';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));

function registered() {
  const seen = { commands: [] as string[], shortcuts: [] as string[], views: [] as string[], events: [] as string[], actions: [] as string[] };
  const recorder = {
    command: (name: string) => seen.commands.push(name),
    shortcut: (id: string) => seen.shortcuts.push(id),
    view: (id: string) => seen.views.push(id),
    // One `message` listener receives what the manifest subscribes to per channel type.
    event: (type: string) => (type === 'message' ? seen.events.push('message.channels', 'message.groups') : seen.events.push(type)),
    action: (id: string) => seen.actions.push(id),
    // Global middleware (noticing people) registers no listener of its own.
    use: () => undefined,
  };
  registerListeners(recorder as unknown as App, {} as SlackDeps);
  return seen;
}

/** Scopes needed by each Web API method the bot calls (from Slack's method reference). */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  // The bot scopes Slack's method pages list for archiving public and private channels (channels:write is the user scope).
  'conversations.archive': ['channels:manage', 'groups:write'],
  'conversations.unarchive': ['channels:manage', 'groups:write'],
  // im:history too: outbox messages and shared files in direct messages are looked up by key or file id after a lost answer.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.list': ['channels:read', 'groups:read'],
  // Only private channels are asked for (types=private_channel), which needs groups:read.
  'users.conversations': ['groups:read'],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'reactions.add': ['reactions:write'],
  // The incident card is pinned (issue 15).
  'pins.add': ['pins:write'],
  // An escalation posted in the announcement's thread is looked up there after a lost answer.
  'conversations.replies': ['channels:history', 'groups:history'],
  'views.open': [],
  'views.update': [],
  // The Home tab: no scope (Slack's views.publish reference), only App Home enabled in the manifest.
  'views.publish': [],
  'conversations.open': ['im:write'],
  filesUploadV2: ['files:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('Slack app manifest', () => {
  const code = registered();

  it('declares exactly the slash commands the code handles, with escaping for @mentions', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual([...code.commands].sort());
    expect(manifest.features.slash_commands.every((c: { should_escape: boolean }) => c.should_escape)).toBe(true);
  });

  it('declares exactly the shortcuts the code handles', () => {
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id).sort()).toEqual([...code.shortcuts].sort());
  });

  it('subscribes to exactly the events the code handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...code.events].sort());
  });

  it('enables the Home tab when the code publishes one on app_home_opened', () => {
    expect(code.events).toContain('app_home_opened');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('enables interactivity when the code has modals, shortcuts or buttons, all on /slack/events', () => {
    expect(code.views.length + code.shortcuts.length + code.actions.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('grants a scope for every Web API method the code calls', () => {
    const scopes = new Set<string>(manifest.oauth_config.scopes.bot);
    const called = new Set<string>();
    for (const file of sourceFiles('src/slack')) {
      // Web API methods (client.chat.postMessage), the SDK's upload helper, which calls the files.* methods, and
      // methods called page by page (client.paginate('conversations.members')).
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/client\.(filesUploadV2|\w+\.\w+(?:\.\w+)?)\(/g)) called.add(m[1]!);
      for (const m of text.matchAll(/client\.paginate\('([\w.]+)'/g)) called.add(m[1]!);
    }
    expect(called.size).toBeGreaterThan(3);
    for (const method of called) {
      expect(METHOD_SCOPES, `add ${method} to METHOD_SCOPES with its scopes`).toHaveProperty([method]);
      for (const scope of METHOD_SCOPES[method]!) expect(scopes, `${method} needs ${scope}`).toContain(scope);
    }
    expect(scopes).toContain('commands');
    expect(scopes).toContain('reactions:read');
    expect(scopes).toContain('pins:read');
  });
});
