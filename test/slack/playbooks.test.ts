// Playbooks through the real Bolt app: the suggestion in a new incident channel, the checklist message and its
// buttons and modals, stale and simultaneous clicks, Slack's limits for long playbooks, and restarts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startRampart } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { EmuMessage } from '../../src/sandbox/emulator/types.js';
import { channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { startTestBot, type TestBot } from '../support/slack.js';

let bot: TestBot;
afterEach(async () => {
  await bot.close();
});
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function phishingIncident(env: Record<string, string> = {}) {
  bot = await startTestBot({ env });
  await bot.incident('declare Credential phishing mail to the press office --sev2 --type phishing');
  return channelOf(bot);
}

/** The checklist messages in a channel (the bot's posts with step buttons), oldest first. */
function checklists(channelId: string): EmuMessage[] {
  return publicMessages(bot, bot.emu.channelById(channelId)!).filter((m) => m.text.includes(' done'));
}

async function click(label: string, near?: string, as = bot.lead) {
  const channel = await channelOf(bot);
  const reply = await bot.emu.clickButton({ user: as.id, label, channel: channel.id, ...(near ? { near } : {}) });
  await bot.rampart.idle();
  return reply;
}

async function submit(values: Record<string, string | string[]>, as = bot.lead) {
  const reply = await bot.emu.submitView({ user: as.id, values });
  await bot.rampart.idle();
  return reply;
}

const allText = (m: EmuMessage) => JSON.stringify(m.blocks);

describe('a phishing incident', () => {
  it('suggests the phishing playbook in its channel; Start playbook posts the checklist and records playbook_started', async () => {
    const channel = await phishingIncident();
    const intro = publicMessages(bot, channel)[0]!;
    expect(allText(intro)).toContain('Suggested playbook:* Phishing or credential-harvesting email');
    // Two presses at once (the card drops the suggestion once the playbook runs, so a later press has no button):
    // one starts it, the other is told it is running and starts nothing.
    const replies = await Promise.all([click('Start playbook'), click('Start playbook')]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const [list] = checklists(channel.id);
    expect(list!.text).toMatch(/^INC-1 · Phishing or credential-harvesting email: 0 of \d+ done$/);
    const { events } = await timelineOf(bot);
    expect(events.filter((e) => e.kind === 'playbook_started').at(-1)).toMatchObject({ actor: bot.lead.id, source: 'slack-button', payload: { playbookId: 'phishing' } });
    expect(ephemeralMessagesFor(bot, bot.lead).at(-1)!.text).toMatch(/already running on INC-1/);
    expect(JSON.stringify(publicMessages(bot, channel)[0]!.blocks)).not.toContain('Suggested playbook');
    expect((await timelineOf(bot)).events.filter((e) => e.kind === 'playbook_started')).toHaveLength(1);
  });

  it('Done, Skip with a reason and Assign update the same message in place and go on the timeline', async () => {
    const channel = await phishingIncident();
    await click('Start playbook');
    const before = checklists(channel.id)[0]!;
    const steps = (await bot.rampart.core.playbooks.runs(1)).at(0)!.steps;
    const [first, second, third] = steps.map((s) => s.step.title);

    await click('Done', first);
    await click('Skip', second);
    expect(bot.emu.openView(bot.lead.id)?.view).toMatchObject({ callback_id: 'step_skip' });
    expect((await submit({ 'Why is it skipped?': '   ' })).json).toMatchObject({ response_action: 'errors', errors: { reason: 'The reason for skipping is empty.' } });
    await submit({ 'Why is it skipped?': 'Only one person received it' });
    await click('Assign', third);
    await submit({ 'Who does it?': bot.staff.id });

    const after = checklists(channel.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.ts).toBe(before.ts);
    expect(after[0]!.text).toMatch(/: 1 of \d+ done, 1 skipped$/);
    expect(allText(after[0]!)).toContain(`~1. ${first}~ · done by <@${bot.lead.id}>`);
    expect(allText(after[0]!)).toContain('Only one person received it');
    // The assignee's invite (delivered after the assignment) adds its own members_invited event.
    const kinds = (await timelineOf(bot)).events.filter((e) => e.kind !== 'members_invited').slice(-3);
    expect(kinds.map((e) => [e.kind, e.payload.step])).toEqual([
      ['step_completed', 1],
      ['step_skipped', 2],
      ['step_assigned', 3],
    ]);
    expect(kinds[1]!.payload.reason).toBe('Only one person received it');
    expect(kinds[2]!.payload.to).toBe(bot.staff.id);
    // Reopening a closed step.
    await click('Reopen', first);
    expect((await timelineOf(bot)).events.at(-1)).toMatchObject({ kind: 'step_reopened', payload: { step: 1, from: 'done' } });
  });

  it('a step that needs a note opens a modal on Done, and the note goes to the timeline', async () => {
    const channel = await phishingIncident();
    await click('Start playbook');
    const run = (await bot.rampart.core.playbooks.runs(1))[0]!;
    const noted = run.steps.find((s) => s.step.requires === 'note')!;
    await click('Done', noted.step.title);
    const view = bot.emu.openView(bot.lead.id)!;
    expect(view.view).toMatchObject({ callback_id: 'step_done' });
    await submit({ [noted.step.prompt!]: 'Reset alice@ and bob@ at 10:40' });
    const last = (await timelineOf(bot)).events.at(-1)!;
    expect(last).toMatchObject({ kind: 'step_completed', source: 'slack-modal', payload: { step: noted.number, note: 'Reset alice@ and bob@ at 10:40' } });
    expect(allText(checklists(channel.id)[0]!)).toContain('Reset alice@ and bob@ at 10:40');
  });

  it('Details opens a modal with the whole text of the step', async () => {
    await phishingIncident();
    await click('Start playbook');
    const run = (await bot.rampart.core.playbooks.runs(1))[0]!;
    const long = run.steps.find((s) => (s.step.details ?? '').length > 200)!;
    await click('Details', long.step.title);
    const view = bot.emu.openView(bot.lead.id)!.view;
    expect(view).toMatchObject({ callback_id: 'step_details', title: { text: `Step ${long.number}` } });
    const shown = (view.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? '').join(' ');
    const flat = (t: string) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ');
    expect(flat(shown)).toContain(flat(long.step.details!.trim()));
  });

  it('two people pressing Done at the same moment record one completion; the second hears who was first', async () => {
    const channel = await phishingIncident();
    await click('Start playbook');
    const first = (await bot.rampart.core.playbooks.runs(1))[0]!.steps[0]!.step.title;
    await Promise.all([bot.lead, bot.staff].map((u) => bot.emu.clickButton({ user: u.id, label: 'Done', channel: channel.id, near: first })));
    await bot.rampart.idle();
    const completions = (await timelineOf(bot)).events.filter((e) => e.kind === 'step_completed');
    expect(completions).toHaveLength(1);
    const loser = completions[0]!.actor === bot.lead.id ? bot.staff : bot.lead;
    expect(ephemeralMessagesFor(bot, loser).at(-1)!.text).toMatch(/out of date; I used the current state\. Step 1 was already done by <@U/);
  });
});

describe('limits', () => {
  function longPlaybookDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'rampart-pb-'));
    dirs.push(dir);
    const steps = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ title: `${prefix} step ${i + 1} ${'with a long title '.repeat(6).trim()}`.slice(0, 150), owner: 'comms', details: `Detail ${i + 1}: ${'lorem ipsum '.repeat(500)}` }));
    const doc = {
      id: 'phishing',
      title: 'Very long phishing playbook',
      summary: 'Sixty steps, to check the limits',
      incident_types: ['phishing'],
      sections: [
        { name: 'Identify', phase: 'identify', steps: steps(25, 'Identify') },
        { name: 'Contain', phase: 'contain', steps: steps(35, 'Contain') },
      ],
    };
    writeFileSync(path.join(dir, 'phishing.yaml'), stringify(doc));
    return dir;
  }

  it('splits a 60-step playbook across messages within 50 blocks and 3,000 characters a section, every step once', async () => {
    const channel = await phishingIncident({ PLAYBOOKS_DIR: longPlaybookDir() });
    await click('Start playbook');
    const pages = checklists(channel.id);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      expect(page.blocks!.length).toBeLessThanOrEqual(50);
      for (const b of page.blocks as { type: string; text?: { text: string } }[]) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
    const text = pages.map(allText).join('\n');
    for (let n = 1; n <= 60; n += 1) expect(text.split(`*${n}. `).length - 1, `step ${n}`).toBe(1);
    expect(pages[1]!.text).toMatch(/page 2 of/);
    expect(text).toContain('Contain* (continued)');
    // Completing a step on page 2 updates page 2 and the progress on every page, without new messages.
    await click('Done', 'Contain step 30');
    const after = checklists(channel.id);
    expect(after.map((m) => m.ts)).toEqual(pages.map((m) => m.ts));
    expect(after.every((m) => m.text.includes('1 of 60 done'))).toBe(true);
  });
});

describe('commands', () => {
  it('/incident playbooks lists each playbook on one line; /incident playbook starts one by hand; /incident tasks lists open steps, mine first', async () => {
    const channel = await phishingIncident();
    const list = await bot.incident('playbooks');
    for (const id of ['phishing', 'account-compromise', 'leaked-documents', 'malware', 'ddos-defacement', 'lost-device', 'decoy-tripped', 'comms-compromise']) {
      expect(list.text + JSON.stringify(bot.emu.allMessages().at(-1))).toContain(id);
    }
    const started = await bot.incident('playbook INC-1 account-compromise');
    expect(started.text).toMatch(/Started \*Compromised account.*\* on \*INC-1\* \(\d+ steps\); the checklist is in <#C/);
    expect(checklists(channel.id)).toHaveLength(1);
    const unknown = await bot.incident('playbook INC-1 nonsense');
    expect(unknown.text).toMatch(/no playbook "nonsense"/);
    const refused = await bot.incident('playbook INC-1 phishing', bot.staff);
    expect(refused.text).toMatch(/Only its commander and responders can start playbooks/);

    const run = (await bot.rampart.core.playbooks.runs(1))[0]!;
    const commanderStep = run.steps.find((s) => s.step.owner === 'commander')!;
    await bot.incident(`assign INC-1 commander <@${bot.staff.id}>`);
    await bot.emu.slashCommand({ user: bot.staff.id, channel: channel.id, command: '/incident', text: 'tasks' });
    await bot.rampart.idle();
    const tasks = ephemeralMessagesFor(bot, bot.staff).at(-1)!;
    const text = allText(tasks);
    expect(text).toContain('Open steps for INC-1');
    expect(text.indexOf(`:point_right: ${commanderStep.number}.`)).toBeGreaterThan(-1);
    expect(text.indexOf(':point_right:')).toBeLessThan(text.indexOf('• '));
  });
});

describe('restarts', () => {
  it('a run and its step states survive a restart, and the old message keeps working', async () => {
    const channel = await phishingIncident();
    await click('Start playbook');
    const first = (await bot.rampart.core.playbooks.runs(1))[0]!.steps[0]!.step.title;
    await click('Done', first);
    await bot.rampart.stop();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: bot.signingSecret,
      SLACK_API_URL: bot.emu.apiUrl,
      PORT: '0',
      METRICS_PORT: 'off',
      HOST: '127.0.0.1',
      RESPONDERS: bot.lead.id,
    });
    bot.rampart = await startRampart(config, { database: bot.database, logger: createLogger('silent'), slackRetries: 0, scheduler: false });
    bot.emu.setBotUrl(`${bot.rampart.url}/slack/events`);
    const second = (await bot.rampart.core.playbooks.runs(1))[0]!.steps.find((s) => s.number > 1 && !s.step.requires)!;
    expect((await bot.rampart.core.playbooks.runs(1))[0]!.steps[0]!.state).toBe('done');
    await click('Done', second.step.title);
    const pages = checklists(channel.id);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.text).toMatch(/2 of \d+ done/);
  });
});
