// App Home end to end: the real bot publishes a person's Home tab when they open it, within Slack's 100 blocks (paged
// beyond them), with only the incidents they may see, the admin section only for admins, buttons that open the declare
// modal, and a refresh through the outbox after a change to an incident they take part in.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents, slackOutbox } from '../../src/db/schema.js';
import { safe } from '../support/safe-text.js';
import { useTestBot, type TestBot } from '../support/slack.js';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { renderBlocks } from '../../src/sandbox/render.js';

const bot = useTestBot();

/** Opens the user's Home tab as Slack does and returns it as the lines a person reads. */
async function openHome(b: TestBot, user: EmuUser): Promise<string[]> {
  await b.emu.openHome({ user: user.id });
  await b.rampart.idle();
  return homeLines(b, user);
}

function homeLines(b: TestBot, user: EmuUser): string[] {
  const home = b.emu.home(user.id);
  if (!home) throw new Error(`no Home tab published for ${user.name}`);
  return renderBlocks(home.view.blocks as unknown[], { user: (id) => b.emu.userById(id)?.name, channel: (id) => b.emu.channelById(id)?.name });
}

function blockCount(b: TestBot, user: EmuUser): number {
  return (b.emu.home(user.id)?.view.blocks as unknown[]).length;
}

/** Inserts open incidents straight into the table (what 200 declarations would leave, without 200 channels). */
async function insertIncidents(b: TestBot, n: number, reporterId: string): Promise<void> {
  const at = new Date();
  await b.database.db.insert(incidents).values(
    Array.from({ length: n }, (_, i) => ({ number: i + 1, title: safe(`Suspicious login ${i + 1}`), type: 'other', severity: 'sev3', status: 'investigating', private: false, reporterId, declaredAt: at, updatedAt: at })),
  );
}

describe('the Home tab', () => {
  it('with no incidents: the two buttons, empty sections, no pages, no admin section for staff', async () => {
    const lines = await openHome(bot, bot.staff);
    expect(lines[1]).toBe('[ Declare incident ]  [ Report something suspicious ]');
    expect(lines).toContain('*Your open incidents (0)*');
    expect(lines.join('\n')).toContain('No open incidents.');
    expect(lines.join('\n')).not.toMatch(/Page \d of/);
    expect(lines.join('\n')).not.toContain('Awareness programme');
  });

  it('with one incident: the reporter sees it as theirs with their part, others in the open list', async () => {
    await bot.incident('declare Phishing mail to finance --public', bot.staff);
    const staff = (await openHome(bot, bot.staff)).join('\n');
    expect(staff).toContain('Your open incidents (1)');
    expect(staff).toMatch(/INC-1\* · SEV3 · triage · Phishing mail[^\n]*\n_You: reporter_/);
    expect(staff).toContain('Open incidents you can see (1)');
    const other = bot.emu.user('other');
    const seen = (await openHome(bot, other)).join('\n');
    expect(seen).toContain('Your open incidents (0)');
    expect(seen).toContain('Phishing mail to finance');
  });

  it('with 200 incidents: pages of at most 100 blocks, every incident once, Next and Previous republish', async () => {
    await insertIncidents(bot, 200, bot.staff.id);
    const seen: string[] = [];
    let lines = await openHome(bot, bot.lead);
    const pages = Number(/Page 1 of (\d+)/.exec(lines.join('\n'))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pages; page++) {
      expect(blockCount(bot, bot.lead)).toBeLessThanOrEqual(100);
      expect(lines.join('\n')).toContain(`Page ${page} of ${pages}`);
      seen.push(...lines.flatMap((l) => /^\*INC-(\d+)\*/.exec(l)?.[1] ?? []));
      if (page < pages) {
        await bot.emu.clickButton({ user: bot.lead.id, label: 'Next', home: true });
        await bot.rampart.idle();
        lines = homeLines(bot, bot.lead);
      }
    }
    expect(seen.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(lines.join('\n')).not.toContain('[ Next ]');
    await bot.emu.clickButton({ user: bot.lead.id, label: 'Previous', home: true });
    await bot.rampart.idle();
    expect(homeLines(bot, bot.lead).join('\n')).toContain(`Page ${pages - 1} of ${pages}`);
    // The page turned to is remembered: opening the tab again shows it.
    expect((await openHome(bot, bot.lead)).join('\n')).toContain(`Page ${pages - 1} of ${pages}`);
    // The reporter of all 200 has them twice (theirs and open): still within 100 blocks a page.
    await openHome(bot, bot.staff);
    expect(blockCount(bot, bot.staff)).toBeLessThanOrEqual(100);
  });

  it('hides private incidents from outsiders and shows them to their reporter and to responders', async () => {
    await bot.rampart.core.declare({ id: bot.staff.id, source: 'slack-command' }, { title: 'Payroll account takeover', type: 'account-compromise', private: true });
    await bot.rampart.idle();
    const outsider = bot.emu.user('outsider');
    const hidden = (await openHome(bot, outsider)).join('\n');
    expect(hidden).not.toContain('Payroll');
    expect(hidden).not.toContain('INC-1');
    expect(hidden).toContain('Open incidents you can see (0)');
    expect((await openHome(bot, bot.staff)).join('\n')).toMatch(/INC-1\* · SEV\d · triage · Payroll account takeover · _private_/);
    expect((await openHome(bot, bot.lead)).join('\n')).toContain('Payroll account takeover');
  });

  it('shows the awareness programme to admins only (responders, as ADMINS is empty)', async () => {
    expect((await openHome(bot, bot.lead)).join('\n')).toContain('Awareness programme');
    expect((await openHome(bot, bot.staff)).join('\n')).not.toContain('Awareness programme');
  });

  it('is rebuilt through the outbox after a change to an incident the person reported (from Slack or the CLI), and only for people who opened it', async () => {
    await bot.incident('declare Lost laptop --public', bot.staff);
    const bystander = bot.emu.user('bystander');
    await openHome(bot, bot.staff);
    expect(homeLines(bot, bot.staff).join('\n')).toContain('Lost laptop · #');
    const publishes = () => bot.emu.callsTo('views.publish').length;
    const before = publishes();
    await bot.incident('status INC-1 investigating', bot.lead);
    expect(publishes()).toBe(before + 1);
    expect(homeLines(bot, bot.staff).join('\n')).toMatch(/INC-1\* · SEV3 · investigating · Lost laptop/);
    const refreshes = await bot.database.db.select().from(slackOutbox).where(eq(slackOutbox.kind, 'home_refreshed'));
    expect(refreshes.map((r) => ({ lane: r.lane, delivered: r.deliveredAt !== null }))).toEqual([{ lane: bot.staff.id, delivered: true }]);
    expect(bot.emu.home(bystander.id)).toBeUndefined();
    // A note changes nothing the Home tab shows: no refresh.
    await bot.incident('note INC-1 checked the asset register', bot.lead);
    expect(publishes()).toBe(before + 1);
    // A change from the CLI (core as the `rampart` command calls it) refreshes it the same way.
    await bot.rampart.core.changeSeverity({ id: 'cli', source: 'cli' }, 'INC-1', 'sev2');
    await bot.rampart.idle();
    expect(publishes()).toBe(before + 2);
    expect(homeLines(bot, bot.staff).join('\n')).toMatch(/INC-1\* · SEV2 · investigating · Lost laptop/);
  });

  it('opens the declare modal from Declare incident and from Report something suspicious', async () => {
    await openHome(bot, bot.staff);
    for (const label of ['Declare incident', 'Report something suspicious']) {
      await bot.emu.clickButton({ user: bot.staff.id, label, home: true });
      await bot.rampart.idle();
      const modal = bot.emu.openView(bot.staff.id);
      expect(modal?.view).toMatchObject({ type: 'modal', callback_id: 'declare_incident' });
      await bot.emu.closeView({ user: bot.staff.id });
    }
  });
});
