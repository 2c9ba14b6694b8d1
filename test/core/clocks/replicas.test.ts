// Three replicas (separate connection pools, so real concurrency) sharing one Postgres database, each sweeping the
// clocks' reminders at the same minutes: every reminder and overdue notice goes out exactly once, and each miss is one
// timeline event (the row lock, skip locked, decides which replica sends it). Postgres only: PGlite is one connection.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createCore } from '../../../src/core/core.js';
import { slackOutbox, timelineEvents } from '../../../src/db/schema.js';
import { TEST_DATABASE_URL, withReplicaDatabases } from '../../support/db.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

const H = 3_600_000;

describe.skipIf(!TEST_DATABASE_URL)('clock reminder replicas on real Postgres', () => {
  it('three replicas sweeping at the same minutes send each reminder and each overdue notice once', () =>
    withReplicaDatabases(3, async (databases) => {
      const base = await testCore({ now: '2026-11-24T10:00:00Z' });
      await base.close();
      const clocks = { regimes: [], reminderOffsets: [24 * H, 4 * H, H], responders: [] };
      const replicas = databases.map((d) => createCore({ ...base.deps, db: d.db, clocks }));
      const [first] = replicas;
      for (let n = 0; n < 6; n += 1) {
        const { incident } = await first!.declare(slackUser(RESPONDER), { title: `Leak ${n}`, severity: 'sev2' });
        await first!.assignRole(slackUser(RESPONDER), incident.ref, 'commander', 'U0COMMAND');
        await first!.clocks.start(slackUser(RESPONDER), incident.ref, { regime: n % 2 === 0 ? 'gdpr' : 'nis2' });
      }
      const outcomes = [];
      // Four days of sweeps every five minutes, every replica at once.
      for (let step = 1; step <= (4 * 24 * 60) / 5; step += 1) {
        base.clock.advance(5 * 60_000);
        outcomes.push(...(await Promise.all(replicas.map((r) => r.clocks.runDue()))).flat());
      }
      const reminded = outcomes.filter((o) => o.kind === 'reminded');
      // GDPR: 3 reminders + overdue for one deadline. NIS2: the early warning (24 h) is due at its start's 24 h mark
      // (sent at once), then 4 h, 1 h, overdue; the notification (72 h) 24 h, 4 h, 1 h, overdue; the final report is a
      // month away.
      expect(reminded).toHaveLength(3 * 4 + 3 * (4 + 4));
      const keys = (await databases[0]!.db.select({ key: slackOutbox.key }).from(slackOutbox).where(eq(slackOutbox.kind, 'clock_reminder'))).map((r) => r.key);
      expect(keys.sort()).toEqual(reminded.flatMap((o) => (o.kind === 'reminded' ? o.keys : [])).sort());
      expect(new Set(keys).size).toBe(keys.length);
      const missed = await databases[1]!.db.select().from(timelineEvents).where(eq(timelineEvents.kind, 'clock_deadline_missed'));
      expect(missed).toHaveLength(3 + 3 * 2);
    }));
});
