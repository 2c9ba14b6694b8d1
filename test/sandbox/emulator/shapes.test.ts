// Response shapes follow Slack's: every key the emulator returns exists in the java-slack-sdk sample for
// that method (top level and nested objects), and the keys a bot relies on are present.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import type { webApi } from '@slack/bolt';
import { CORPORA, HAS_CORPORA, client, startEmulator } from './helpers.js';

type Obj = Record<string, unknown>;

function sample(method: string): Obj {
  return JSON.parse(readFileSync(path.join(CORPORA, 'slack/web-api-samples', `${method}.json`), 'utf8')) as Obj;
}

/** Keys of `actual` (recursively through plain objects) that the sample does not have, as paths. */
function extraKeys(actual: unknown, expected: unknown, at = ''): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [];
  if (typeof expected !== 'object' || expected === null || Array.isArray(expected)) return [];
  const exp = expected as Obj;
  return Object.entries(actual as Obj).flatMap(([k, v]) => {
    if (!(k in exp)) return [`${at}${k}`];
    // event_payload and friends are free-form; the samples leave them as {}.
    if (typeof exp[k] === 'object' && exp[k] !== null && Object.keys(exp[k] as Obj).length === 0) return [];
    return extraKeys(v, exp[k], `${at}${k}.`);
  });
}

describe.skipIf(!HAS_CORPORA)('response shapes vs web-api-samples (skipped: ../shared/corpora absent)', () => {
  let emu: SlackEmulator;
  let web: webApi.WebClient;
  const results: Record<string, Obj> = {};

  beforeAll(async () => {
    ({ emu } = await startEmulator());
    web = client(emu);
    const alice = emu.user('alice');
    const ch = emu.channel('general');
    emu.postAsUser(alice.id, ch.id, 'hello');
    const post = await web.chat.postMessage({ channel: ch.id, text: 'hi', metadata: { event_type: 'x', event_payload: { a: 1 } } });
    const ts = post.ts as string;
    const created = await web.conversations.create({ name: 'inc-1' });
    const newId = (created.channel as Obj).id as string;
    const bob = emu.user('bob');
    await web.files.getUploadURLExternal({ filename: 'a.txt', length: 1 }).then(async (r) => {
      results['files.getUploadURLExternal'] = r as unknown as Obj;
      await fetch(r.upload_url as string, { method: 'POST', body: 'x' });
      results['files.completeUploadExternal'] = (await web.files.completeUploadExternal({ files: [{ id: r.file_id as string }], channel_id: ch.id })) as unknown as Obj;
    });
    Object.assign(results, {
      'auth.test': await web.auth.test(),
      'chat.postMessage': post,
      'chat.postEphemeral': await web.chat.postEphemeral({ channel: ch.id, user: alice.id, text: 'psst' }),
      'chat.update': await web.chat.update({ channel: ch.id, ts, text: 'edited' }),
      'chat.getPermalink': await web.chat.getPermalink({ channel: ch.id, message_ts: ts }),
      'conversations.create': created,
      'conversations.invite': await web.conversations.invite({ channel: newId, users: bob.id }),
      'conversations.info': await web.conversations.info({ channel: newId }),
      'conversations.join': await web.conversations.join({ channel: ch.id }),
      'conversations.members': await web.conversations.members({ channel: newId }),
      'conversations.setTopic': await web.conversations.setTopic({ channel: newId, topic: 't' }),
      'conversations.setPurpose': await web.conversations.setPurpose({ channel: newId, purpose: 'p' }),
      'pins.add': await web.pins.add({ channel: ch.id, timestamp: ts }),
      'reactions.add': await web.reactions.add({ channel: ch.id, timestamp: ts, name: 'eyes' }),
      'users.info': await web.users.info({ user: alice.id }),
    });
  });
  afterAll(() => emu.close());

  const methods = [
    'auth.test', 'chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.getPermalink', 'conversations.create',
    'conversations.invite', 'conversations.info', 'conversations.join', 'conversations.members', 'conversations.setTopic',
    'conversations.setPurpose', 'pins.add', 'reactions.add', 'users.info', 'files.getUploadURLExternal', 'files.completeUploadExternal',
  ];
  it.each(methods)('%s returns only keys Slack returns', (method) => {
    const actual = results[method];
    expect(actual?.ok).toBe(true);
    // WebClient adds response_metadata (scopes) from headers; the body never has it here unless paging.
    const { response_metadata: _rm, ...body } = actual as Obj;
    expect(extraKeys(body, sample(method))).toEqual([]);
  });

  it('fills the keys a bot reads', () => {
    expect(Object.keys(results['chat.postMessage'] ?? {})).toEqual(expect.arrayContaining(['ok', 'channel', 'ts', 'message']));
    const msg = results['chat.postMessage']?.message as Obj;
    expect(msg).toMatchObject({ type: 'message', text: 'hi', bot_id: 'B0BOT', user: 'U0BOT', metadata: { event_type: 'x', event_payload: { a: 1 } } });
    expect(results['chat.getPermalink']?.permalink).toMatch(/^https:\/\/rampart-sandbox\.slack\.com\/archives\/C\w+\/p\d{16}$/);
    expect(results['auth.test']).toMatchObject({ user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0RAMPART' });
    expect((results['conversations.info']?.channel as Obj).num_members).toBe(2);
    expect(((results['users.info']?.user as Obj).profile as Obj).real_name).toBe('Alice');
  });
});
