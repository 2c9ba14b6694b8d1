// The session, script runner, REPL and transcript together, against the real emulator and a fake bot.
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import type { SlackEmulatorApi } from '../../src/sandbox/emulator/types.js';
import { runRepl, runScript } from '../../src/sandbox/repl.js';
import { SandboxSession } from '../../src/sandbox/session.js';
import { TranscriptPrinter } from '../../src/sandbox/transcript.js';
import { startFakeBot, type FakeBot } from './fake-bot.js';

/** An output stream that keeps what is written. */
class MemoryOutput extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

let emu: SlackEmulatorApi;
let bot: FakeBot;
let out: MemoryOutput;
let printer: TranscriptPrinter;
let session: SandboxSession;

beforeEach(async () => {
  emu = await SlackEmulator.start({ signingSecret: 'a-test-signing-secret', botToken: 'xoxb-test' });
  bot = await startFakeBot(emu.apiUrl, 'xoxb-test');
  emu.setBotUrl(`${bot.url}/slack/events`);
  emu.channel('general');
  out = new MemoryOutput();
  printer = new TranscriptPrinter(emu, out, () => session.userId);
  session = new SandboxSession(emu, printer, { idle: () => bot.idle() });
  await session.join('general');
  printer.start();
});

afterEach(async () => {
  printer.stop();
  await bot.stop();
  await emu.close();
});

describe('a scripted session', () => {
  it('clicks a button, fills a modal, shows its errors, then reacts, says and pins', async () => {
    const code = await runScript(session, printer, [
      '/demo',
      'click open form',
      'fill title=ab severity=sev1',
      'submit',
      'fill title="Phishing mail" severity=SEV2 private=yes',
      'submit',
      'react :eyes: phishing mail',
      'say hello all',
      'pin hello all',
    ]);
    expect(out.text).toContain('you in #general> /demo\n[#general] (only visible to you) rampart: Starting the demo\n');
    expect(out.text).toContain('[#general] rampart: Demo for @you in #general\n    [ Open form ]\n');
    expect(out.text).toContain('┌─ Modal: Report something\n│ Title [title]: text, required\n');
    expect(out.text).toContain('┌─ Modal (not accepted, see ⚠): Report something\n');
    expect(out.text).toContain('│ Title [title]: text, required = "ab"\n│     ⚠ Too short\n');
    expect(out.text).toContain('[#general] rampart: Filed "Phishing mail" sev2 private=true\n');
    expect(out.text).toContain("· [#general] @you reacted :eyes: to @rampart's message\n[#general] rampart: saw :eyes:\n");
    expect(out.text).toContain("· [#general] @you's message was pinned\n");
    expect(out.text).toContain('[#general] you: hello all\n');
    expect(out.text).toContain('✓ script finished');
    expect(code).toBe(0);
  });

  it('acts as another user in another channel', async () => {
    emu.channel('soc');
    const code = await runScript(session, printer, ['as alice', 'in #soc', '/demo']);
    expect(out.text).toContain('alice in #soc> /demo');
    expect(out.text).toContain('· @alice joined #soc\n');
    expect(out.text).toContain('[#soc] rampart: Demo for @alice in #soc');
    expect(code).toBe(0);
  });

  it('goes only to channels that exist, and to a private one only as a member', async () => {
    const secret = emu.channel('inc-4', { is_private: true });
    expect(await runScript(session, printer, ['in #inc-3'])).toBe(1);
    expect(out.text).toContain('✗ line 1 failed: there is no channel #inc-3; @you can go to #general');
    expect(emu.channelByName('inc-3')).toBeUndefined();
    expect(await runScript(session, printer, ['in #inc-4'])).toBe(1);
    expect(out.text).toContain('✗ line 1 failed: #inc-4 is private and @you is not a member');
    expect(secret.members).not.toContain(session.userId);
    secret.members.push(session.userId);
    expect(await runScript(session, printer, ['in #inc-4', 'as bob', '/demo'])).toBe(0);
    expect(out.text).toContain('· @bob is not a member of the private #inc-4, so is in #general\n');
    expect(out.text).toContain('bob in #general> /demo');
    expect(secret.members).not.toContain(emu.user('bob').id);
  });

  it('turns @name into a mention as Slack does: <@U…|name> in a slash command, <@U…> in a message', async () => {
    const alice = emu.user('alice');
    expect(await runScript(session, printer, ['/demo make @alice commander, tell @here (mail bob@example.org)', 'say thanks @alice and @bob.'])).toBe(0);
    const bob = emu.user('bob');
    const slash = bot.received.find((b) => b.command === '/demo')!;
    expect(slash.text).toBe(`make <@${alice.id}|alice> commander, tell <!here> (mail bob@example.org)`);
    const event = bot.received.map((b) => b.event as Record<string, unknown> | undefined).find((e) => e?.type === 'message')!;
    expect(event.text).toBe(`thanks <@${alice.id}> and <@${bob.id}>.`);
  });

  it('delivers what is said as a signed message event when the bot is in the channel, and none when it is not', async () => {
    emu.channel('lobby', { botMember: false });
    expect(await runScript(session, printer, ['say hello all', 'in #lobby', 'say nobody hears'])).toBe(0);
    const events = bot.received.map((b) => b.event as Record<string, unknown> | undefined).filter((e) => e?.type === 'message');
    const general = emu.channelByName('general')!;
    expect(events).toEqual([
      { type: 'message', text: 'hello all', user: session.userId, ts: expect.any(String), team: emu.teamId, channel: general.id, event_ts: expect.any(String), channel_type: 'channel' },
    ]);
    expect(out.text).toContain('[#lobby] you: nobody hears');
  });

  it('runs the due scheduled posts after wait, and says what it did not post', async () => {
    let moved = 0;
    const slotAt = new Date('2026-12-07T09:00:00Z');
    session = new SandboxSession(emu, printer, {
      idle: () => bot.idle(),
      advance: (ms) => (moved += ms),
      afterWait: async () => (moved > 0 ? [{ job: 'digest', kind: 'missed', slotAt }] : []),
    });
    expect(await runScript(session, printer, ['wait 2d'])).toBe(0);
    expect(moved).toBe(2 * 86_400_000);
    expect(out.text).toContain('· 2d 0h later\n· the digest slot of 2026-12-07T09:00:00.000Z was missed\n');
  });

  it('fills a multi-line field', async () => {
    expect(await runScript(session, printer, ['/demo', 'click open form', 'fill title="line one\\nline two" severity=sev2', 'submit'])).toBe(0);
    expect(out.text).toContain('· modal: title = "line one\\nline two", severity = "sev2"');
    expect(out.text).toContain('[#general] rampart: Filed "line one\n    line two" sev2');
  });

  it.each([
    [['/fail'], '✗ line 1 failed: the bot answered /fail with HTTP 500'],
    [['# nothing open yet', 'submit'], '✗ line 2 failed: no modal is open for @you'],
    [['/demo', 'click open form', 'fill colour=red'], '✗ line 3 failed: the modal has no field "colour"; its fields are: title, severity, private'],
    [['/demo', 'pin no such words'], '✗ line 2 failed: no message in #general contains "no such words"'],
    [['/demo', 'click Close'], '✗ line 2 failed: no button labelled "Close" that @you can see; recent buttons: Open form'],
  ])('stops at a line that fails: %j', async (lines, message) => {
    expect(await runScript(session, printer, lines)).toBe(1);
    expect(out.text).toContain(message);
  });

  it('fails a line the bot never answers', async () => {
    await bot.stop();
    expect(await runScript(session, printer, ['/demo'])).toBe(1);
    expect(out.text).toContain('✗ line 1 failed: the bot never answered /demo');
  });

  it('cancels a modal, after which there is nothing to submit', async () => {
    expect(await runScript(session, printer, ['/demo', 'click Open form', 'fill title="half done"', 'cancel', 'submit'])).toBe(1);
    expect(out.text).toContain('✗ line 5 failed: no modal is open for @you');
  });
});

describe('the interactive prompt', () => {
  it('runs typed lines, prints mistakes and carries on until exit', async () => {
    const input = new PassThrough();
    input.end('/demo\nfrobnicate\nhelp\nexit\n/never-run\n');
    const code = await runRepl(session, printer, input, out);
    expect(out.text).toContain('you in #general> ');
    expect(out.text).toContain('Starting the demo');
    expect(out.text).toContain('✗ unknown line "frobnicate"');
    expect(out.text).toContain('You can type:\n  /incident declare');
    expect(out.text).toContain('you in #general> frobnicate\n✗ unknown line');
    expect(out.text).not.toContain('never-run');
    expect(out.text).toContain('bye');
    expect(code).toBe(0);
  });

  it('ends cleanly when the input ends (Ctrl-D)', async () => {
    const input = new PassThrough();
    input.end('as carol\n');
    expect(await runRepl(session, printer, input, out)).toBe(0);
    expect(out.text).toContain('carol in #general> ');
  });
});
