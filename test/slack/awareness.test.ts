// The awareness programme through the real Bolt app and the emulator: the weekly post with its buttons, Got it once
// per person, Report something suspicious, the admin commands, and Slack's 429 and 500 answers on the post.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmuMessage, EmuUser } from '../../src/sandbox/emulator/types.js';
import { ephemeralMessagesFor } from '../support/slack-state.js';
import { startTestBot, type TestBot, type TestBotOptions, useTestBot } from '../support/slack.js';

let waits: number[] = [];
const options = (env: Record<string, string> = {}): TestBotOptions => ({
  env: (emu) => {
    const staff = emu.channel('staff');
    return { AWARENESS_CHANNELS: staff.id, ADMINS: '', ...env };
  },
  sleep: async (ms) => void waits.push(ms),
});
const shared = useTestBot(options());
/** The file's bot, or a test's own when it needs another configuration. */
let bot: TestBot;
let own: TestBot | undefined;
beforeEach(() => {
  bot = shared;
});
afterEach(async () => {
  await own?.close();
  own = undefined;
});

async function start(env: Record<string, string> = {}) {
  waits = [];
  if (Object.keys(env).length > 0) bot = own = await startTestBot(options(env));
  const staff = bot.emu.channelByName('staff')!;
  for (const u of [bot.lead, bot.staff]) if (!staff.members.includes(u.id)) staff.members.push(u.id);
  return staff;
}

async function awareness(text: string, as = bot.lead) {
  const reply = await bot.emu.slashCommand({ user: as.id, channel: bot.general.id, command: '/awareness', text });
  await bot.rampart.idle();
  return { status: reply.status, text: (reply.json as { text?: string } | undefined)?.text ?? '', last: ephemeralMessagesFor(bot, as).at(-1)?.text ?? '' };
}

const tipPosts = (channelId: string): EmuMessage[] => bot.emu.messages(channelId).filter((m) => !m.ephemeral && m.text.startsWith('Security tip:'));

describe('awareness posts in Slack', () => {
  it('send-now posts a tip with Got it and Report buttons and the slot key in its metadata', async () => {
    const staff = await start();
    const reply = await awareness('send-now');
    expect(reply.text).toMatch(/Posting the next tip now/);
    expect(reply.last).toMatch(/Posted `[a-z0-9-]+` to <#C/);
    const [post] = tipPosts(staff.id);
    expect(post).toBeDefined();
    const json = JSON.stringify(post!.blocks);
    expect(json).toContain('"Got it"');
    expect(json).toContain('"Report something suspicious"');
    expect(json).toContain('*Do:*');
    expect(post!.metadata).toMatchObject({ event_type: 'rampart_awareness', event_payload: { slot: expect.stringMatching(/^send-now@/) } });
  });

  it('records Got it once per person and shows the count on the message', async () => {
    const staff = await start();
    await awareness('send-now');
    const post = tipPosts(staff.id)[0]!;
    for (const u of [bot.lead, bot.staff, bot.lead]) {
      await bot.emu.clickButton({ user: u.id, label: 'Got it', channel: staff.id, messageTs: post.ts });
      await bot.rampart.idle();
    }
    const updated = bot.emu.messages(staff.id).find((m) => m.ts === post.ts)!;
    expect(JSON.stringify(updated.blocks)).toContain('2 people have got it.');
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toMatch(/already pressed \*Got it\*/);
    const stats = await awareness('stats');
    expect(JSON.stringify(bot.emu.allMessages().at(-1)!.blocks)).toMatch(/2 acknowledgements/);
    expect(stats.status).toBe(200);
  });

  it('Report something suspicious opens the declare form', async () => {
    const staff = await start();
    await awareness('send-now');
    await bot.emu.clickButton({ user: bot.staff.id, label: 'Report something suspicious', channel: staff.id });
    await bot.rampart.idle();
    expect(bot.emu.openView(bot.staff.id)?.view).toMatchObject({ callback_id: 'declare_incident' });
  });

  it('retries the post after 429 (waiting Retry-After) and 500 (backing off) and posts it once', async () => {
    const staff = await start();
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'rate_limited', retryAfterSeconds: 7 });
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'http_error', status: 500 });
    await awareness('send-now');
    expect(tipPosts(staff.id)).toHaveLength(1);
    expect(waits).toEqual([7_000, 2_000]);
  });

  it('keeps the admin commands to admins and explains the refusal; anyone gets a tip', async () => {
    await start({ ADMINS: 'U0NOBODY' });
    const refused = await awareness('pause');
    expect(refused.text).toMatch(/Only admins can run the awareness programme/);
    // Refused before the text is parsed: a malformed admin command gets the same answer.
    for (const text of ['queue', 'promote', 'promote INC-1 INC-2', 'pause now']) expect((await awareness(text)).text, text).toBe(refused.text);
    const tip = await awareness('tip', bot.staff);
    expect(tip.text).toMatch(/A security tip, just for you/);
    const unknown = await awareness('frobnicate');
    expect(unknown.text).toMatch(/I don't know `\/awareness frobnicate`/);
  });

  it('status, preview, queue, pause, resume and skip answer the admin', async () => {
    await start();
    expect((await awareness('queue mfa-fatigue')).text).toMatch(/`mfa-fatigue` goes out next/);
    expect((await awareness('queue no-such-tip')).text).toMatch(/There is no tip "no-such-tip"/);
    expect((await awareness('preview')).text).toMatch(/Next tip \(queued\)/);
    expect((await awareness('pause')).text).toMatch(/paused/);
    expect((await awareness('pause')).text).toMatch(/already paused/);
    expect((await awareness('status')).text).toMatch(/paused/);
    expect((await awareness('resume')).text).toMatch(/running again/);
    expect((await awareness('skip')).text).toMatch(/will be skipped/);
  });

  it('promotes an incident\'s lesson into a queued tip through the edit form, noted on the incident, and sends it next', async () => {
    const staff = await start();
    await bot.incident('declare MFA push approved by mistake --sev3 --type account-compromise');
    const lesson = await bot.incident('lesson INC-1 Alice approved a push prompt she had not started');
    expect(lesson.text).toMatch(/Lesson added to the \*INC-1\* timeline.*\/awareness promote INC-1/);
    expect((await awareness('promote INC-2')).text).toMatch(/no incident INC-2/);
    await awareness('promote INC-1');
    const view = bot.emu.openView(bot.lead.id)!;
    expect(view.view).toMatchObject({ callback_id: 'promote_lesson' });
    expect(JSON.stringify(view.view.blocks)).toContain('Alice approved a push prompt');
    const tooShort = await bot.emu.submitView({ user: bot.lead.id, values: { tip_title: 'Unexpected sign-in prompts', tip_body: 'Deny them.', tip_do: 'Deny and report', tip_dont: 'Approve to stop the noise' } });
    expect(tooShort.json).toMatchObject({ response_action: 'errors', errors: { tip_body: expect.stringMatching(/two to five sentences/) } });
    await bot.emu.submitView({
      user: bot.lead.id,
      values: { tip_title: 'Unexpected sign-in prompts', tip_body: 'A prompt you did not start means someone has your password. Deny it and tell us.', tip_do: 'Deny and report', tip_dont: 'Approve to stop the noise' },
    });
    await bot.rampart.idle();
    const events = (await bot.rampart.core.timeline({ id: 'cli', source: 'cli' }, 'INC-1')).events;
    expect(events.at(-1)).toMatchObject({ kind: 'lesson_promoted', actor: bot.lead.id, payload: { tipId: 'lesson-inc-1', title: 'Unexpected sign-in prompts' } });
    await awareness('send-now');
    expect(tipPosts(staff.id).at(-1)!.text).toBe('Security tip: Unexpected sign-in prompts');
  });

  it('keeps a private incident’s lessons from an admin who may not see it, in the form and on submission', async () => {
    let admin!: EmuUser;
    bot = own = await startTestBot({
      env: (emu) => {
        admin = emu.user('awareness-admin');
        return { AWARENESS_CHANNELS: emu.channel('staff').id, ADMINS: admin.id };
      },
    });
    await bot.incident('declare MFA push approved by mistake --sev3 --type account-compromise');
    await bot.incident('lesson INC-1 Alice in finance approved a push prompt she had not started');
    await bot.incident('declare Phishing wave --sev3 --type phishing --public');
    await bot.incident('lesson INC-2 Report odd mail at once');
    // The admin is neither a responder nor in INC-1's channel: the lessons are as private as the timeline.
    expect((await awareness('promote INC-1', admin)).text).toMatch(/INC-1 is private/);
    expect(bot.emu.openView(admin.id)).toBeUndefined();
    // A form opened for the public INC-2, sent back naming INC-1 (private_metadata is the client's to send), is refused.
    await awareness('promote INC-2', admin);
    const view = bot.emu.openView(admin.id)!;
    expect(JSON.stringify(view.view.blocks)).toContain('Report odd mail at once');
    view.view.private_metadata = JSON.stringify({ ref: 'INC-1' });
    const forged = await bot.emu.submitView({
      user: admin.id,
      values: { tip_title: 'Unexpected sign-in prompts', tip_body: 'A prompt you did not start means someone has your password. Deny it and tell us.', tip_do: 'Deny and report', tip_dont: 'Approve to stop the noise' },
    });
    expect(forged.json).toMatchObject({ response_action: 'errors', errors: { tip_body: expect.stringMatching(/INC-1 is private/) } });
    const events = (await bot.rampart.core.timeline({ id: 'cli', source: 'cli' }, 'INC-1')).events;
    expect(events.map((e) => e.kind)).not.toContain('lesson_promoted');
    expect(await bot.rampart.core.lessons.of({ id: 'cli', source: 'cli' }, 'INC-1')).toMatchObject({ lessons: [expect.stringContaining('Alice')] });
  });
});
