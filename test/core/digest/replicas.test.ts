// Several replicas (separate connection pools) sharing one Postgres database, each running both scheduled jobs at
// the same minute: every digest slot is posted exactly once (even when the replica posting it dies before recording
// it), and the awareness tip, claimed in the same table, is never held up or doubled by the digest.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.js';
import { runDue as runAwareness } from '../../../src/core/awareness/manage.js';
import { createDigest } from '../../../src/core/digest/post.js';
import { slotKey, slotsBetween } from '../../../src/core/schedules/schedule.js';
import { awarenessDeps } from '../../support/awareness.js';
import { TEST_DATABASE_URL, withReplicaDatabases } from '../../support/db.js';
import { DIGEST_CHANNEL, digestDeps } from '../../support/digest.js';
import { FakeSlack } from '../../support/fake-slack.js';

const MONDAY_9_PARIS = { cron: '0 9 * * 1', timezone: 'Europe/Paris' };

describe.skipIf(!TEST_DATABASE_URL)('digest replicas on real Postgres', () => {
  it('five replicas running the digest and the tip at the same minute post each slot of each once', () =>
    withReplicaDatabases(5, async (databases) => {
      const clock = fixedClock('2026-09-01T00:00:00Z');
      const slack = new FakeSlack(clock);
      // At every third slot, the first replica to post the digest dies right after posting, before recording it.
      const dying = new Set<number>();
      let slotIndex = 0;
      const crash = () => dying.delete(slotIndex);
      const jobs = databases.map((d, i) => {
        const replicaId = `replica-${i}`;
        const digest = createDigest(digestDeps(d.db, clock, slack.digestPoster({ crashAfterPost: crash }), { replicaId, schedule: { name: 'digest', ...MONDAY_9_PARIS, graceMs: 86_400_000 } }));
        const awareness = awarenessDeps(d.db, clock, slack.poster(), { replicaId, channels: ['C0STAFF'] });
        return () => Promise.all([digest.runDue(), runAwareness(awareness)]).then(([a, b]) => [...a, ...b]);
      });
      const slots = slotsBetween(MONDAY_9_PARIS, new Date('2026-09-01T00:00:00Z'), new Date('2026-11-20T00:00:00Z'));
      expect(slots).toHaveLength(11);
      const outcomes = [];
      for (const [i, slot] of slots.entries()) {
        slotIndex = i;
        if (i % 3 === 0) dying.add(i);
        clock.set(new Date(slot.getTime() + 30_000));
        outcomes.push(...(await Promise.all(jobs.map((run) => run()))).flat());
        clock.advance(6 * 60_000); // the minutely sweep once the lease has run out
        outcomes.push(...(await Promise.all(jobs.map((run) => run()))).flat());
      }
      expect(outcomes.filter((o) => o.kind === 'posted' && o.tookOver)).toHaveLength(4);
      expect(slack.keysIn(DIGEST_CHANNEL)).toEqual(slots.map((s) => slotKey('digest', s)));
      expect(slack.keysIn('C0STAFF')).toEqual(slots.map((s) => slotKey('weekly', s)));
    }));
});
