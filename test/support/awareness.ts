// An awareness programme over a test database with a fixed clock; the fake Slack behind its Poster port is in
// fake-slack.ts (shared with the digest).
import type { Clock } from '../../src/core/clock.js';
import type { AwarenessDeps, AwarenessPoster } from '../../src/core/awareness/deps.js';
import type { Tip } from '../../src/core/awareness/tip.js';
import type { Db } from '../../src/db/types.js';

export { FakeSlack } from './fake-slack.js';

/** A tip with overrides. */
export function aTip(id: string, overrides: Partial<Tip> = {}): Tip {
  return { id, title: `Tip ${id}`, body: 'First sentence. Second sentence.', do: 'Do this', dont: 'Not that', topics: [], ...overrides };
}

/** A tip source over a list. */
export function tipsOf(tips: Tip[]) {
  return { all: () => tips, get: (id: string) => tips.find((t) => t.id === id) };
}

/** Awareness deps for one replica. */
export function awarenessDeps(db: Db, clock: Clock, poster: AwarenessPoster, overrides: Partial<AwarenessDeps> = {}): AwarenessDeps {
  return {
    db,
    clock,
    poster,
    schedule: { name: 'weekly', cron: '0 9 * * 1', timezone: 'Europe/Paris', graceMs: 24 * 3_600_000 },
    channels: ['C0STAFF', 'C0VOLUNTEERS'],
    tips: tipsOf(['a', 'b', 'c', 'd', 'e'].map((id) => aTip(id))),
    replicaId: 'replica-1',
    leaseMs: 5 * 60_000,
    redactPatterns: [],
    ...overrides,
  };
}
