// Several replicas (separate app instances, each with its own connection pool) sharing one Postgres database fire
// the same slots at the same moment: every slot is posted exactly once per channel, even when some die mid-post.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.js';
import { runDue } from '../../../src/core/awareness/manage.js';
import { slotKey, slotsBetween } from '../../../src/core/schedules/schedule.js';
import { openDatabase } from '../../../src/db/client.js';
import type { Database } from '../../../src/db/types.js';
import { createPostgresDatabase, dropPostgresDatabase, TEST_DATABASE_URL } from '../../support/db.js';
import { awarenessDeps, FakeSlack } from '../../support/awareness.js';

describe.skipIf(!TEST_DATABASE_URL)('awareness replicas on real Postgres', () => {
  it('five replicas firing 15 weekly slots together post each slot once per channel, with crashes taken over', async () => {
    const url = await createPostgresDatabase();
    const databases: Database[] = [];
    try {
      for (let i = 0; i < 5; i += 1) databases.push(await openDatabase({ kind: 'postgres', url, max: 3 }));
      const clock = fixedClock('2026-09-01T00:00:00Z');
      const slack = new FakeSlack(clock);
      // Every third slot, whichever replica posts first dies right after posting, before recording it.
      let crashPending = false;
      const crash = () => {
        const now = crashPending;
        crashPending = false;
        return now;
      };
      const replicas = databases.map((d, i) => awarenessDeps(d.db, clock, slack.poster({ crashAfterPost: crash }), { replicaId: `replica-${i}` }));
      const slots = slotsBetween(replicas[0]!.schedule, new Date('2026-09-01T00:00:00Z'), new Date('2026-12-20T00:00:00Z'));
      expect(slots).toHaveLength(15);
      let takeovers = 0;
      for (const [i, slot] of slots.entries()) {
        crashPending = i % 3 === 0;
        clock.set(new Date(slot.getTime() + 30_000));
        await Promise.all(replicas.map((r) => runDue(r)));
        // The minutely sweep after the lease ran out: a crashed claim is taken over here.
        clock.advance(6 * 60_000);
        const swept = (await Promise.all(replicas.map((r) => runDue(r)))).flat();
        takeovers += swept.filter((o) => o.kind === 'posted' && o.tookOver).length;
      }
      expect(takeovers).toBe(5);
      const expected = slots.map((s) => slotKey('weekly', s));
      expect(slack.keysIn('C0STAFF')).toEqual(expected);
      expect(slack.keysIn('C0VOLUNTEERS')).toEqual(expected);
    } finally {
      await Promise.all(databases.map((d) => d.close()));
      await dropPostgresDatabase(url);
    }
  });
});
