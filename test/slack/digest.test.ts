// The weekly digest through the real Bolt app and the emulator (which enforces Slack's block limits): it lands in
// INCIDENT_CHANNEL with its slot key in the metadata, is found again by it after a takeover, survives a 429, stays
// within the limits with 60 open incidents, and shows private incidents by reference only.
import { describe, expect, it } from 'vitest';
import { slackPoster } from '../../src/slack/services/awareness-poster.js';
import { slackDigestPoster } from '../../src/slack/services/digest-poster.js';
import { slotPostClient } from '../../src/slack/services/slot-messages.js';
import type { EmuMessage } from '../../src/sandbox/emulator/types.js';
import { useTestBot } from '../support/slack.js';

let now = Date.parse('2026-11-20T10:00:00Z');
let waits: number[] = [];
const bot = useTestBot({ now: () => now, sleep: async (ms) => void waits.push(ms) });

/** The file's bot with its clock set back; the digest goes out on Mondays at 08:00 UTC (the defaults). */
function start() {
  now = Date.parse('2026-11-20T10:00:00Z');
  waits = [];
}

const SLOT = new Date('2026-11-23T08:00:00Z');
const digests = (): EmuMessage[] => bot.emu.messages(bot.incidents.id).filter((m) => m.metadata?.event_type === 'rampart_digest');
const actor = () => ({ id: bot.lead.id, source: 'slack-command' as const });

describe('the weekly digest in Slack', () => {
  it('lands in INCIDENT_CHANNEL once per slot with the slot key in its metadata, and is found again by it', async () => {
    start();
    // Through core: Bolt checks a slash command's signature age against the real clock, and this clock is fixed.
    await bot.rampart.core.declare(actor(), { title: 'Invoice with new bank details', severity: 'sev2', private: false });
    now = SLOT.getTime() + 30_000;
    expect(await bot.rampart.core.digest.runDue()).toMatchObject([{ kind: 'posted', channel: bot.incidents.id }]);
    expect(await bot.rampart.core.digest.runDue()).toEqual([]);
    const [post, ...others] = digests();
    expect(others).toEqual([]);
    expect(post!.metadata).toEqual({ event_type: 'rampart_digest', event_payload: { slot: 'digest@2026-11-23T08:00:00.000Z' } });
    expect(JSON.stringify(post!.blocks)).toContain('Weekly incident digest');
    expect(JSON.stringify(post!.blocks)).toContain('Invoice with new bank details');
    // A replica taking the slot over finds this message by its key; another key, or an awareness post, is not it.
    const client = slotPostClient('xoxb-test-token', bot.emu.apiUrl);
    const poster = slackDigestPoster(client, async () => {});
    expect(await poster.findPosted(bot.incidents.id, 'digest@2026-11-23T08:00:00.000Z', SLOT)).toBe(post!.ts);
    expect(await poster.findPosted(bot.incidents.id, 'digest@2026-11-30T08:00:00.000Z', SLOT)).toBeUndefined();
    expect(await slackPoster(client, async () => {}).findPosted(bot.incidents.id, 'digest@2026-11-23T08:00:00.000Z', SLOT)).toBeUndefined();
  });

  it("retries the post after Slack's 429, waiting Retry-After, and posts it once", async () => {
    start();
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'rate_limited', retryAfterSeconds: 7 });
    now = SLOT.getTime();
    expect(await bot.rampart.core.digest.runDue()).toMatchObject([{ kind: 'posted' }]);
    expect(digests()).toHaveLength(1);
    expect(waits).toEqual([7_000]);
  });

  it('posts it once when Slack posted it but its answer was lost, finding it before retrying', async () => {
    start();
    bot.emu.injectFault({ method: 'chat.postMessage', kind: 'reset', handled: true });
    now = SLOT.getTime();
    expect(await bot.rampart.core.digest.runDue()).toMatchObject([{ kind: 'posted' }]);
    expect(digests()).toHaveLength(1);
  });

  it('keeps within the block limits with 60 open incidents, cutting the list, and shows private ones by reference only', async () => {
    start();
    for (let n = 1; n <= 60; n += 1) {
      const secret = n % 2 === 0;
      await bot.rampart.core.declare(actor(), { title: secret ? `Secret matter number ${n}` : `Public matter number ${n} ${'with a long description '.repeat(4)}`, type: secret ? 'data-leak' : 'phishing', private: secret });
    }
    now = SLOT.getTime();
    expect(await bot.rampart.core.digest.runDue()).toMatchObject([{ kind: 'posted' }]);
    const [post] = digests();
    const blocks = post!.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3_000);
    const json = JSON.stringify(blocks);
    expect(json).toContain('*Open incidents (60)*');
    expect(json).toContain('…and 35 more.');
    expect(json).toContain('*INC-2* · SEV3 · triage · _private_ · open 2 days · _no commander_');
    expect(json).not.toMatch(/Secret matter|data-leak/);
  });
});
