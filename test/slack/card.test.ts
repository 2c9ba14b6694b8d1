// The living incident card (issue 15): the incident channel's first message is a card, pinned once, and updated in
// place after a change from every path (slash command, a button on the card, the CLI through core, a playbook step);
// a lost Slack answer never posts it twice; the announcement is updated in place too (a private one never shows its
// title) and escalations go in its thread; the card stays within Block Kit's limits however much it holds.
import { describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { CLI, channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';
import type { EmuMessage } from '../../src/sandbox/emulator/types.js';
import { incidentCard } from '../../src/slack/blocks/card.js';
import type { IncidentCard } from '../../src/core/index.js';

const bot = useTestBot();

/** A Web API client of the bot's own, as a person's client would delete or a tool would post. */
const web = () => new WebClient('xoxb-test-token', { slackApiUrl: bot.emu.apiUrl, retryConfig: { retries: 0 } });

/** The card messages in the incident's channel (the bot's messages with the card's buttons). */
async function cards(ref = 'INC-1'): Promise<EmuMessage[]> {
  return publicMessages(bot, await channelOf(bot, ref)).filter((m) => JSON.stringify(m.blocks ?? []).includes('card_status'));
}

/** The one card, as the channel shows it now. */
async function card(ref = 'INC-1'): Promise<EmuMessage & { all: string }> {
  const found = await cards(ref);
  expect(found).toHaveLength(1);
  return { ...found[0]!, all: JSON.stringify({ text: found[0]!.text, blocks: found[0]!.blocks }) };
}

/** The announcement of an incident in the incidents channel. */
function announcement(ref = 'INC-1'): EmuMessage & { all: string } {
  const found = publicMessages(bot, bot.incidents).filter((m) => m.text.includes(`*${ref}* declared`));
  expect(found).toHaveLength(1);
  return { ...found[0]!, all: JSON.stringify({ text: found[0]!.text, blocks: found[0]!.blocks }) };
}

describe('the incident card', () => {
  it('is the channel’s first message, pinned once, showing reference, title, severity, status, roles and times', async () => {
    await bot.incident('declare Phishing wave hits finance --public --type phishing --sev2');
    await bot.rampart.idle();
    const channel = await channelOf(bot);
    expect(publicMessages(bot, channel)[0]!.text).toContain('INC-1: Phishing wave hits finance');
    const shown = await card();
    expect(shown.pinned).toBe(true);
    expect(bot.emu.callsTo('pins.add')).toHaveLength(1);
    expect(shown.all).toContain('*Status:* triage');
    expect(shown.all).toContain('*Severity:* SEV2');
    expect(shown.all).toMatch(/\*Commander:\* _unassigned_/);
    expect(shown.all).toContain('Declared <!date^');
    expect(shown.all).toContain('*Review:* not written yet');
    for (const label of ['Change status', 'Change severity', 'Assign roles', 'Add a note', 'Write the review', 'Start playbook']) expect(shown.all).toContain(label);
  });

  it('is updated in place after a slash command, and so is the announcement', async () => {
    await bot.incident('declare Website defaced --public');
    await bot.rampart.idle();
    const before = await card();
    await bot.incident('status INC-1 investigating');
    await bot.incident(`assign INC-1 commander <@${bot.lead.id}>`);
    await bot.rampart.idle();
    const after = await card();
    expect(after.ts).toBe(before.ts);
    expect(after.edited).toBe(true);
    expect(after.all).toContain('*Status:* investigating');
    expect(after.all).toContain(`*Commander:* <@${bot.lead.id}>`);
    expect(after.all).toContain('acknowledged <!date^');
    expect(announcement().all).toContain('Status: investigating');
    expect(announcement().edited).toBe(true);
  });

  it('asks, as /incident status does, before resolving from its form with open playbook steps', async () => {
    await bot.incident('declare Phishing wave hits finance --public --type phishing --sev2');
    await bot.rampart.idle();
    const channel = await channelOf(bot);
    await bot.incident('playbook INC-1 phishing', bot.lead, channel);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Change status', channel: channel.id });
    await bot.rampart.idle();
    const asked = await bot.emu.submitView({ user: bot.lead.id, values: { status: 'resolved', note: 'Sender blocked' } });
    expect(asked.json).toMatchObject({ response_action: 'errors', errors: { status: expect.stringMatching(/^INC-1 still has \d+ open playbook steps: tick "even with open work"/) } });
    expect((await timelineOf(bot)).incident.status).toBe('triage');
    await bot.emu.submitView({ user: bot.lead.id, values: { status: 'resolved', note: 'Sender blocked', confirm: ['yes'] } });
    await bot.rampart.idle();
    expect((await timelineOf(bot)).incident.status).toBe('resolved');
  });

  it('changes status, severity and roles and takes a note from its own buttons, through the same core use cases', async () => {
    await bot.incident('declare Laptop stolen --public');
    await bot.rampart.idle();
    const channel = await channelOf(bot);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Change status', channel: channel.id });
    await bot.rampart.idle();
    await bot.emu.submitView({ user: bot.lead.id, values: { status: 'contained', note: 'Device wiped remotely' } });
    await bot.rampart.idle();
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Change severity', channel: channel.id });
    await bot.rampart.idle();
    await bot.emu.submitView({ user: bot.lead.id, values: { severity: 'sev1' } });
    await bot.rampart.idle();
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Assign roles', channel: channel.id });
    await bot.rampart.idle();
    await bot.emu.submitView({ user: bot.lead.id, values: { role: 'scribe', assignee: bot.staff.id } });
    await bot.rampart.idle();
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Add a note', channel: channel.id });
    await bot.rampart.idle();
    await bot.emu.submitView({ user: bot.lead.id, values: { note: 'Police report filed' } });
    await bot.rampart.idle();

    const { incident, events } = await timelineOf(bot);
    expect(incident).toMatchObject({ status: 'contained', severity: 'sev1', scribeId: bot.staff.id });
    expect(events.filter((e) => e.source === 'slack-modal').map((e) => e.kind)).toEqual(['status_changed', 'severity_changed', 'role_assigned', 'note_added']);
    const shown = await card();
    expect(shown.all).toContain('*Status:* contained');
    expect(shown.all).toContain('*Severity:* SEV1');
    expect(shown.all).toContain(`*Scribe:* <@${bot.staff.id}>`);
  });

  it('refuses, ephemerally, a change its buttons offer to someone the rules do not allow', async () => {
    await bot.incident('declare Odd login --public');
    await bot.rampart.idle();
    const channel = await channelOf(bot);
    bot.emu.join(bot.staff.id, channel.id);
    await bot.emu.clickButton({ user: bot.staff.id, label: 'Change severity', channel: channel.id });
    await bot.rampart.idle();
    await bot.emu.submitView({ user: bot.staff.id, values: { severity: 'sev1' } });
    await bot.rampart.idle();
    expect((await timelineOf(bot)).incident.severity).not.toBe('sev1');
    expect(ephemeralMessagesFor(bot, bot.staff).at(-1)?.text).toMatch(/:warning: .*responder/i);
  });

  it('is updated after a change made through core (the CLI’s path) and after a playbook step', async () => {
    await bot.incident('declare Credential phishing --public --type phishing');
    await bot.rampart.idle();
    await bot.rampart.core.changeStatus(CLI, 'INC-1', 'investigating');
    await bot.rampart.idle();
    expect((await card()).all).toContain('*Status:* investigating');

    const channel = await channelOf(bot);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Start playbook', channel: channel.id });
    await bot.rampart.idle();
    const started = await card();
    expect(started.all).toMatch(/\*Playbook:\* .* · 0 of \d+ done/);
    expect(started.all).toMatch(/\*Open tasks \(\d+\):\*/);
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Done', channel: channel.id });
    await bot.rampart.idle();
    expect((await card()).all).toMatch(/\*Playbook:\* .* · 1 of \d+ done/);
  });

  it('step changes post nothing new in the channel (checklist and card change in place); a completed run is one line', async () => {
    await bot.incident('declare Phish reported --public --type phishing');
    await bot.rampart.idle();
    const { incident, run } = await bot.rampart.core.playbooks.start(CLI, 'INC-1', 'phishing');
    await bot.rampart.idle();
    const channel = await channelOf(bot);
    const before = publicMessages(bot, channel).length;
    for (const step of run.steps) await bot.rampart.core.playbooks.changeStep(CLI, { runId: run.id, step: step.number }, { kind: 'skip', reason: 'not needed in this drill' });
    await bot.rampart.idle();
    const after = publicMessages(bot, channel);
    // Issue 15: one line for the completion; before it, a step change posted nothing new either.
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.text).toBe(`:white_check_mark: *${incident.ref}*: the *${run.playbook.title}* playbook is complete (0 done, ${run.steps.length} skipped; last step by cli).`);
    expect((await card()).all).toContain(`0 of ${run.steps.length} done, ${run.steps.length} skipped`);
  });

  it('a lost Slack answer does not post the card twice, and a deleted card is posted again once', async () => {
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true });
    await bot.incident('declare Lost answer --public');
    await bot.rampart.idle();
    await bot.rampart.outbox.drain();
    const first = await card();
    expect(first.pinned).toBe(true);

    bot.emu.injectFault({ method: 'chat.update', kind: 'reset', handled: true });
    await bot.incident('severity INC-1 sev3');
    await bot.rampart.outbox.drain();
    expect((await card()).all).toContain('*Severity:* SEV3');

    const channel = await channelOf(bot);
    await web().chat.delete({ channel: channel.id, ts: first.ts });
    await bot.incident('status INC-1 investigating');
    await bot.incident('severity INC-1 sev2');
    await bot.rampart.outbox.drain();
    const again = await card();
    expect(again.ts).not.toBe(first.ts);
    expect(again.pinned).toBe(true);
    expect(again.all).toContain('*Status:* investigating');
    expect(again.all).toContain('*Severity:* SEV2');
  });

  it('a private incident’s announcement never shows its title after updates, and escalations go in its thread', async () => {
    await bot.incident('declare Payroll export leaked --sev3');
    await bot.rampart.idle();
    await bot.incident('status INC-1 investigating');
    await bot.incident('edit INC-1 title Payroll export leaked to a vendor');
    await bot.incident('severity INC-1 sev1');
    await bot.rampart.idle();
    const shown = announcement();
    expect(shown.edited).toBe(true);
    expect(shown.all).not.toMatch(/Payroll/);
    expect(shown.text).toContain('status: investigating');
    expect(shown.text).toContain('*SEV1*');
    const escalation = publicMessages(bot, bot.incidents).find((m) => m.text.includes('escalated'));
    expect(escalation?.thread_ts).toBe(shown.ts);
    expect(escalation?.text).not.toMatch(/Payroll/);
    expect(publicMessages(bot, bot.incidents).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts)).toHaveLength(1);
  });

  it('an escalation whose answer is lost is found in the thread, not posted twice', async () => {
    await bot.incident('declare Ransom note on a file server --public --sev3');
    await bot.rampart.idle();
    // Both posts the raise makes (the channel's line and the escalation) land, and their answers are lost.
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true, times: 2 });
    await bot.incident('severity INC-1 sev1');
    await bot.rampart.outbox.drain();
    const replies = publicMessages(bot, bot.incidents).filter((m) => m.text.includes('escalated'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.thread_ts).toBe(announcement().ts);
    expect(bot.emu.callsTo('conversations.replies').length).toBeGreaterThan(0);
  });
});

describe('the card within Block Kit limits', () => {
  it('stays under 50 blocks and 3,000 characters a section with many runs, tasks and long titles', async () => {
    await bot.incident('declare Limits --public');
    const { incident } = await bot.rampart.core.show(CLI, 'INC-1');
    const long = 'x'.repeat(400);
    const many: IncidentCard = {
      incident: { ...incident, title: long, description: long.repeat(20), commanderId: bot.lead.id, commsId: bot.staff.id, scribeId: bot.lead.id },
      runs: Array.from({ length: 40 }, (_, i) => ({ id: i, playbookId: `p${i}`, title: `${long} ${i}`, done: 1, skipped: 1, total: 60 })),
      tasks: Array.from({ length: 5 }, (_, i) => ({ runId: 1, step: i + 1, title: long, assignee: bot.staff.id, dueAt: new Date(0) })),
      openTasks: 2_000,
      reviewVersions: 3,
      deadlines: [{ label: 'Next update', at: new Date(0) }],
    };
    const built = incidentCard(many, bot.rampart.core.playbooks.library.all());
    expect(built.blocks.length).toBeLessThanOrEqual(50);
    for (const b of built.blocks as { type: string; text?: { text: string } }[]) {
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(150);
    }
    expect(JSON.stringify(built.blocks)).toContain('…and 1995 more');
    // The emulator applies Slack's Block Kit rules: a card this full is accepted.
    const channel = await channelOf(bot);
    await expect(web().chat.postMessage({ channel: channel.id, text: built.text, blocks: built.blocks as never[] })).resolves.toMatchObject({ ok: true });
  });
});
