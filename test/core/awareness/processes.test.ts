// Replicas as separate processes sharing one Postgres database and one Slack (the emulator over HTTP): each weekly
// slot is posted exactly once per channel, and a replica killed between claiming a slot and posting it is taken over.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { slotKey, slotsBetween } from '../../../src/core/schedules/schedule.js';
import { openDatabase } from '../../../src/db/client.js';
import { SlackEmulator } from '../../../src/sandbox/emulator/emulator.js';
import { createPostgresDatabase, dropPostgresDatabase, TEST_DATABASE_URL } from '../../support/db.js';

const run = promisify(execFile);
const schedule = { cron: '0 9 * * 1', timezone: 'Europe/Paris' };

describe.skipIf(!TEST_DATABASE_URL)('awareness replicas as processes on real Postgres', () => {
  it('four processes post four slots exactly once per channel; a replica killed after claiming is taken over once', async () => {
    const url = await createPostgresDatabase();
    const emu = await SlackEmulator.start({ signingSecret: 'unused-secret', botToken: 'xoxb-test-token' });
    try {
      const channels = [emu.channel('staff', { botMember: true }).id, emu.channel('volunteers', { botMember: true }).id];
      // Migrate once, so the replicas start together on a ready schema.
      await (await openDatabase({ kind: 'postgres', url, max: 1 })).close();
      const slots = slotsBetween(schedule, new Date('2026-09-01T00:00:00Z'), new Date('2026-10-01T00:00:00Z'));
      expect(slots).toHaveLength(4);
      const replica = (id: string, at: Date, die?: Date) =>
        run('node', ['--import', 'tsx', 'test/support/awareness-replica.ts', url, emu.apiUrl, id, channels.join(','), at.toISOString(), ...(die ? [die.toISOString()] : [])]).then(
          () => 0,
          (err: { code: number }) => err.code,
        );
      // Replicas share the real clock, so each step starts all four at the same moment: the slot time, then the
      // minutely sweep once the lease has run out. At the second slot, whichever replica claims it dies before posting.
      const exits: number[] = [];
      for (const [i, slot] of slots.entries()) {
        const die = i === 1 ? slot : undefined;
        exits.push(...(await Promise.all(['p1', 'p2', 'p3', 'p4'].map((id) => replica(id, new Date(slot.getTime() + 30_000), die)))));
        exits.push(...(await Promise.all(['p1', 'p2', 'p3', 'p4'].map((id) => replica(id, new Date(slot.getTime() + 6 * 60_000))))));
      }
      expect(exits.filter((c) => c === 3)).toHaveLength(1);
      expect(exits.filter((c) => c !== 0 && c !== 3)).toEqual([]);
      for (const channel of channels) {
        const keys = emu
          .messages(channel)
          .map((m) => (m.metadata as { event_payload?: { slot?: string } } | undefined)?.event_payload?.slot)
          .filter(Boolean);
        expect(keys).toEqual(slots.map((s) => slotKey('weekly', s)));
      }
    } finally {
      await emu.close();
      await dropPostgresDatabase(url);
    }
  }, 120_000);
});
