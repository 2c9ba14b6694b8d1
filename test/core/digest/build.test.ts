// The digest of a real week on a real database: a public, a private, a drill; declared, declined, resolved, closed,
// reopened and merged incidents, with exact lists and figures, and no private title or type anywhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/core/digest/build.js';
import { digestText } from '../../../src/cli/digest.js';
import { digestMessage } from '../../../src/slack/blocks/digest.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore({ now: '2026-11-10T09:00:00Z', reviewRequired: [] });
});
afterEach(async () => {
  await t.close();
});

const actor = slackUser(RESPONDER);
const HOUR = 3_600_000;
/** Monday 23 November 2026, 08:00 in Paris: the week runs from Monday 16 November, 08:00. */
const SLOT = new Date('2026-11-23T07:00:00Z');
const SECRETS = ["Director's mailbox forwards to a stranger", 'account-compromise', 'Board minutes on a paste site', 'data-leak'];

async function at(iso: string, fn: () => Promise<unknown>) {
  t.clock.set(iso);
  await fn();
}

/** The week described at the top, from 10 November to after the slot. */
async function aWeek() {
  const { core } = t;
  // Before the week: INC-1 (public, open throughout) and INC-2 (private, resolved, then reopened in the week).
  await at('2026-11-10T09:00:00Z', () => core.declare(actor, { title: 'Fake invoice sent to finance', type: 'phishing', severity: 'sev2', private: false }));
  await at('2026-11-10T10:00:00Z', () => core.changeStatus(actor, 'INC-1', 'investigating'));
  await core.assignRole(actor, 'INC-1', 'commander', 'U0ALICE');
  await at('2026-11-12T09:00:00Z', () => core.declare(actor, { title: SECRETS[0]!, type: 'account-compromise', severity: 'sev3' }));
  await at('2026-11-12T10:00:00Z', () => core.changeStatus(actor, 'INC-2', 'investigating'));
  await at('2026-11-14T10:00:00Z', () => core.changeStatus(actor, 'INC-2', 'resolved'));
  // The week.
  await at('2026-11-16T09:00:00Z', () => core.declare(actor, { title: 'Ransom note on the file server', type: 'malware', severity: 'sev1', private: false }));
  await at('2026-11-16T10:00:00Z', () => core.changeStatus(actor, 'INC-3', 'investigating'));
  await at('2026-11-17T09:00:00Z', () => core.declare(actor, { title: 'Odd login alert', type: 'other', severity: 'sev4', private: false }));
  await at('2026-11-17T09:30:00Z', () => core.changeStatus(actor, 'INC-4', 'declined', 'a colleague travelling'));
  await at('2026-11-17T12:00:00Z', () => core.changeStatus(actor, 'INC-3', 'resolved'));
  await at('2026-11-18T09:00:00Z', () => core.changeStatus(actor, 'INC-2', 'investigating', 'the rule came back'));
  await at('2026-11-18T10:00:00Z', () => core.declare(actor, { title: SECRETS[2]!, type: 'data-leak', severity: 'sev2', private: true }));
  await at('2026-11-18T12:00:00Z', () => core.changeStatus(actor, 'INC-3', 'closed'));
  await at('2026-11-18T13:00:00Z', () => core.changeStatus(actor, 'INC-5', 'investigating'));
  await at('2026-11-19T09:00:00Z', () => core.declare(actor, { title: 'Tabletop: lost laptop', type: 'lost-device', severity: 'sev3', private: false, drill: true }));
  await at('2026-11-19T09:05:00Z', () => core.changeStatus(actor, 'INC-6', 'investigating'));
  await at('2026-11-19T10:00:00Z', () => core.changeStatus(actor, 'INC-6', 'resolved'));
  await at('2026-11-20T09:00:00Z', () => core.declare(actor, { title: 'Same invoice, second report', type: 'phishing', severity: 'sev3', private: false }));
  await at('2026-11-20T10:00:00Z', () => core.changeStatus(actor, 'INC-7', 'merged', 'INC-1 same mail'));
  // After the slot: not part of this digest.
  await at('2026-11-23T09:00:00Z', () => core.declare(actor, { title: 'Monday morning report', type: 'phishing', severity: 'sev1', private: false }));
  await at('2026-11-23T09:30:00Z', () => core.changeStatus(actor, 'INC-2', 'contained'));
}

describe('buildDigest', () => {
  it('lists the open incidents, most severe first, private ones by reference only', async () => {
    await aWeek();
    const digest = await buildDigest({ db: t.database.db, timezone: 'Europe/Paris' }, SLOT);
    expect(digest.from).toEqual(new Date(SLOT.getTime() - 7 * 24 * HOUR));
    expect(digest.open).toEqual([
      { ref: 'INC-1', severity: 'sev2', status: 'investigating', drill: false, commanderId: 'U0ALICE', redacted: false, title: 'Fake invoice sent to finance', type: 'phishing', daysOpen: 12 },
      { ref: 'INC-5', severity: 'sev2', status: 'investigating', drill: false, commanderId: null, redacted: true, daysOpen: 4 },
      // Its status is read when the digest is built (here after the slot): contained.
      { ref: 'INC-2', severity: 'sev3', status: 'contained', drill: false, commanderId: null, redacted: true, daysOpen: 10 },
    ]);
  });

  it("lists the week's changes in order, drills marked, and counts the figures without drills", async () => {
    await aWeek();
    const digest = await buildDigest({ db: t.database.db, timezone: 'Europe/Paris' }, SLOT);
    expect(digest.changes.map((c) => [c.at.toISOString().slice(5, 16), c.kind, c.incident.ref, c.incident.drill, c.mergedInto ?? ''])).toEqual([
      ['11-16T09:00', 'declared', 'INC-3', false, ''],
      ['11-17T09:00', 'declared', 'INC-4', false, ''],
      ['11-17T09:30', 'declined', 'INC-4', false, ''],
      ['11-17T12:00', 'resolved', 'INC-3', false, ''],
      ['11-18T09:00', 'reopened', 'INC-2', false, ''],
      ['11-18T10:00', 'declared', 'INC-5', false, ''],
      ['11-18T12:00', 'closed', 'INC-3', false, ''],
      ['11-19T09:00', 'declared', 'INC-6', true, ''],
      ['11-19T10:00', 'resolved', 'INC-6', true, ''],
      ['11-20T09:00', 'declared', 'INC-7', false, ''],
      ['11-20T10:00', 'merged', 'INC-7', false, 'INC-1'],
    ]);
    expect(digest.figures).toEqual({
      declared: 4, // INC-3, 4, 5 and 7; the drill is left out
      resolved: 1,
      closed: 1,
      declined: 1,
      // INC-3 in 1 h and INC-5 in 3 h; INC-4 (declined) and INC-7 (merged) are left out, INC-2 was acknowledged before.
      acknowledge: { count: 2, medianMs: 2 * HOUR },
      // INC-3 in 27 h; INC-2's resolution was undone by its reopening.
      resolve: { count: 1, medianMs: 27 * HOUR },
      drills: 1,
    });
  });

  it('never shows a private title or type: not in the digest, the Slack message or the text', async () => {
    await aWeek();
    const digest = await buildDigest({ db: t.database.db, timezone: 'Europe/Paris' }, SLOT);
    const message = digestMessage(digest, 'digest@2026-11-23T07:00:00.000Z');
    for (const shown of [JSON.stringify(digest), JSON.stringify(message), digestText(digest).join('\n')]) {
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
      expect(shown).toContain('INC-5');
    }
    expect(JSON.stringify(message.blocks)).toContain('*INC-5* · SEV2 · investigating · _private_');
    expect(JSON.stringify(message.blocks)).toContain('Fake invoice sent to finance (phishing)');
  });

  it('says so when the week was quiet', async () => {
    const digest = await buildDigest({ db: t.database.db, timezone: 'Europe/Paris' }, SLOT);
    expect(digest).toMatchObject({ open: [], changes: [], figures: { declared: 0, acknowledge: { count: 0, medianMs: null }, drills: 0 } });
    expect(digestText(digest)).toContain('  Median time to resolve: no incident this week');
  });
});
