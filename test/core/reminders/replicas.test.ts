// Three replicas (separate connection pools, so real concurrency) sharing one Postgres database, each sweeping the
// reminders and the stale list at the same minute: every reminder goes out exactly once (the row lock, skip locked,
// decides which replica sends it; the others skip it), and each stale-list slot once. Postgres only: PGlite is one
// connection, so there is nothing concurrent to test there.
import { describe, expect, it } from 'vitest';
import { asc, inArray } from 'drizzle-orm';
import { createCore } from '../../../src/core/core.js';
import { slackOutbox } from '../../../src/db/schema.js';
import { DEFAULT_UPDATE_INTERVALS } from '../../../src/core/reminders/reminder.js';
import { TEST_DATABASE_URL, withReplicaDatabases } from '../../support/db.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

const MIN = 60_000;

describe.skipIf(!TEST_DATABASE_URL)('reminder replicas on real Postgres', () => {
  it('three replicas sweeping at the same minutes send each reminder and each stale list once', () =>
    withReplicaDatabases(3, async (databases) => {
      const base = await testCore({ now: '2026-11-24T10:00:00Z' });
      await base.close();
      const replicas = databases.map((d, i) =>
        createCore({
          ...base.deps,
          db: d.db,
          reminders: {
            updateIntervals: DEFAULT_UPDATE_INTERVALS,
            quietHours: undefined,
            stale: { schedule: { name: 'stale', cron: '0 9 * * 1', timezone: 'Europe/Paris', graceMs: 86_400_000 }, replicaId: `replica-${i}`, leaseMs: 300_000 },
          },
        }),
      );
      const [first] = replicas;
      const incidents = [];
      for (let n = 0; n < 12; n += 1) {
        const { incident } = await first!.declare(slackUser(RESPONDER), { title: `Incident ${n}`, severity: n % 2 === 0 ? 'sev1' : 'sev2' });
        await first!.assignRole(slackUser(RESPONDER), incident.ref, 'commander', 'U0COMMAND');
        incidents.push(incident);
      }
      const outcomes = [];
      // Two hours of minutely sweeps, every replica at once.
      for (let minute = 1; minute <= 120; minute += 1) {
        base.clock.advance(MIN);
        outcomes.push(...(await Promise.all(replicas.map((r) => r.reminders.runDue()))).flat());
      }
      // sev1 every 30 min (4 in 2 h), sev2 every 2 h (1), for 6 incidents each.
      const reminded = outcomes.filter((o) => o.kind === 'reminded');
      expect(reminded).toHaveLength(6 * 4 + 6 * 1);
      const rows = await databases[0]!.db
        .select({ key: slackOutbox.key })
        .from(slackOutbox)
        .where(inArray(slackOutbox.kind, ['update_reminder']))
        .orderBy(asc(slackOutbox.key));
      expect(rows.map((r) => r.key).sort()).toEqual(reminded.map((o) => (o.kind === 'reminded' ? o.key : '')).sort());

      // The Monday 09:00 slot a week and more later: one list, sent by one replica.
      base.clock.set('2026-12-07T08:00:30Z');
      const lists = (await Promise.all(replicas.map((r) => r.reminders.runDueStaleList()))).flat();
      expect(lists.filter((o) => o.kind === 'posted')).toHaveLength(1);
      expect(await databases[1]!.db.select({ key: slackOutbox.key }).from(slackOutbox).where(inArray(slackOutbox.kind, ['stale_list']))).toEqual([
        { key: 'stale@2026-12-07T08:00:00.000Z:U0COMMAND' },
      ]);
    }));
});
