// Evidence through the real Bolt app and the Slack emulator: `/incident evidence add|list|transfer|check` in the
// incident channel and by reference, description words that look like options staying description, a hash mismatch
// recorded and posted once in the incident channel, a private incident refused to an outsider, and bad input answered
// with a specific ephemeral reply and nothing written.
import { describe, expect, it } from 'vitest';
import type { EmuUser } from '../../src/sandbox/emulator/types.js';
import { channelOf, ephemeralMessagesFor, publicMessages, timelineOf } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';

const bot = useTestBot({ env: { TIMEZONE: 'Europe/Paris' } });
const HASH = 'c0ffee'.padEnd(64, '0');
const OTHER = 'bad'.padEnd(64, '1');

const lastEphemeral = (user: EmuUser) => ephemeralMessagesFor(bot, user).at(-1)!;
const evidenceEvents = async () => (await timelineOf(bot)).events.filter((e) => e.kind.startsWith('evidence_'));

async function declared() {
  const res = await bot.incident('declare Stolen laptop with payroll data --sev2 --type data-leak');
  if (!res.text.includes('INC-1')) throw new Error(`${res.status} ${res.text}`);
  await bot.rampart.idle();
  return channelOf(bot);
}

describe('/incident evidence', () => {
  it('adds in the incident channel with options first; words after them stay the description, escaped', async () => {
    const channel = await declared();
    const alice = bot.emu.user('alice');
    await bot.incident(`evidence add sha256:${HASH} at:2026-12-01 09:30 zone:America/New_York by:<@${alice.id}|alice> tlp:red Disk image tlp:green of <laptop> | Locker 4, room B`, bot.lead, channel);
    const reply = lastEphemeral(bot.lead);
    expect(reply.text).toBe(':file_folder: Logged *EV-1* on *INC-1*.');
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('*EV-1* · Disk image tlp:green of &lt;laptop&gt; · *TLP:RED*');
    expect(blocks).toContain(`held by <@${alice.id}>`);
    expect(blocks).toContain('2026-12-01 09:30 (America/New_York, UTC-05:00)');
    const [added] = await evidenceEvents();
    expect(added!.payload).toMatchObject({ evidence: 'EV-1', tlp: 'RED', sha256: HASH, collectedBy: alice.id, location: 'Locker 4, room B', zone: 'America/New_York' });
    expect(added!.occurredAt.toISOString()).toBe('2026-12-01T14:30:00.000Z');
  });

  it('transfers with a reason, lists the chain, and posts a mismatch in the channel once', async () => {
    const channel = await declared();
    const bob = bot.emu.user('bob');
    await bot.incident(`evidence add INC-1 sha256:${HASH} Disk image | Locker 4`, bot.lead, bot.general);
    await bot.incident(`evidence transfer EV-1 <@${bob.id}|bob> | for imaging at the lab`, bot.lead, bot.general);
    expect(lastEphemeral(bot.lead).text).toBe(`:handshake: *EV-1* (INC-1): custody <@${bot.lead.id}> → <@${bob.id}>, recorded on the timeline.`);
    await bot.incident(`evidence check EV-1 ${HASH.toUpperCase()}`, bob, bot.general);
    expect(lastEphemeral(bob).text).toContain(':white_check_mark: *EV-1* (INC-1): the SHA-256 matches');
    await bot.incident(`evidence check EV-1 ${OTHER}`, bob, bot.general);
    expect(lastEphemeral(bob).text).toContain(':rotating_light: *Hash mismatch on EV-1* (INC-1)');
    await bot.rampart.idle();
    const posts = publicMessages(bot, channel).filter((m) => m.text.includes('Hash mismatch on evidence EV-1'));
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.blocks)).toContain(`Checked by <@${bob.id}>: \`${OTHER}\``);

    await bot.incident('evidence INC-1', bot.lead, bot.general);
    const list = lastEphemeral(bot.lead);
    expect(list.text).toBe('Evidence of *INC-1*: 1 item');
    expect(JSON.stringify(list.blocks)).toContain('1 transfer · :rotating_light: *1 hash mismatch* in 2 re-checks');
    expect((await evidenceEvents()).map((e) => e.kind)).toEqual(['evidence_added', 'evidence_transferred', 'evidence_checked', 'evidence_checked']);
  });

  it('refuses an outsider on a private incident and bad input, with nothing written', async () => {
    await declared();
    await bot.incident(`evidence add INC-1 Disk image | Locker 4`, bot.staff, bot.general);
    expect(lastEphemeral(bot.staff).text).toContain('INC-1 is private');
    for (const [text, says] of [
      ['evidence add INC-1 Disk image without a place', 'say what the item is, then ` | `'],
      ['evidence add INC-1 sha256:123 Disk | Locker', 'is not a SHA-256'],
      ['evidence add INC-1 at:tomorrow Disk | Locker', 'is not a time'],
      ['evidence transfer EV-1 somebody', '`transfer`'],
      ['evidence check EV-1', '`check` takes an item and its SHA-256'],
      ['evidence frobnicate', 'I don’t know'.replace('’', "'")],
    ] as const) {
      await bot.incident(text, bot.lead, bot.general);
      expect(lastEphemeral(bot.lead).text, text).toContain(says);
    }
    expect(await evidenceEvents()).toEqual([]);
  });
});
