// Three replicas (separate connection pools, so real concurrency) sharing one Postgres database, each sweeping the
// unanswered questions at the same minutes while the people asked answer some of them: every reminder and every report
// to the commander goes out exactly once, and none for a question answered first. Postgres only: PGlite is one
// connection, so there is nothing concurrent to test there.
import { describe, expect, it } from 'vitest';
import { asc, like } from 'drizzle-orm';
import { createCore } from '../../../src/core/core.js';
import { slackOutbox } from '../../../src/db/schema.js';
import { TEST_DATABASE_URL, withReplicaDatabases } from '../../support/db.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

const MIN = 60_000;

describe.skipIf(!TEST_DATABASE_URL)('question sweeps on real Postgres replicas', () => {
  it('three replicas sweeping every minute remind and report each unanswered question once', () =>
    withReplicaDatabases(3, async (databases) => {
      const base = await testCore({ now: '2026-11-24T10:00:00Z' });
      await base.close();
      const replicas = databases.map((d) => createCore({ ...base.deps, db: d.db, asks: { remindAfterMs: 30 * MIN, escalateAfterMs: 60 * MIN } }));
      const [first] = replicas;
      const { incident } = await first!.declare(slackUser(RESPONDER), { title: 'Odd sign-ins', type: 'account-compromise' });
      await first!.assignRole(slackUser(RESPONDER), incident.ref, 'commander', 'U0COMMAND');
      const people = Array.from({ length: 10 }, (_, n) => `U0PERSON${n}`);
      const ids = [];
      for (const person of people) ids.push((await first!.asks.ask(slackUser(RESPONDER), incident.ref, person, 'Was this you?')).ask.id);
      const outcomes = [];
      for (let minute = 1; minute <= 90; minute += 1) {
        base.clock.advance(MIN);
        // The first two answer at minute 20, on their own replica, while the sweeps run.
        const answers = minute === 20 ? [replicas[1]!.asks.answer(slackUser(people[0]!), ids[0]!, 'yes'), replicas[2]!.asks.answer(slackUser(people[1]!), ids[1]!, 'no')] : [];
        const swept = await Promise.all([...replicas.map((r) => r.asks.runDue()), ...answers]);
        outcomes.push(...swept.slice(0, 3).flat());
      }
      const unanswered = ids.slice(2);
      expect(outcomes.filter((o) => o.kind === 'ask reminded').map((o) => o.askId).sort()).toEqual([...unanswered].sort());
      expect(outcomes.filter((o) => o.kind === 'ask escalated').map((o) => o.askId).sort()).toEqual([...unanswered].sort());
      const rows = await databases[0]!.db.select({ key: slackOutbox.key }).from(slackOutbox).where(like(slackOutbox.key, 'ask:%')).orderBy(asc(slackOutbox.id));
      const keys = rows.map((r) => r.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.filter((k) => k.endsWith(':reminder'))).toHaveLength(8);
      expect(keys.filter((k) => k.endsWith(':escalated'))).toHaveLength(8);
      expect(keys.filter((k) => k.endsWith(':answered'))).toHaveLength(2);
      const events = (await first!.timeline(slackUser(RESPONDER), incident.ref)).events;
      expect(events.filter((e) => e.kind === 'ask_reminded')).toHaveLength(8);
      expect(events.filter((e) => e.kind === 'ask_escalated')).toHaveLength(8);
    }));
});
