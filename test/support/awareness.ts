// An awareness programme over a test database with a fixed clock, and a fake Slack behind the Poster port that
// remembers every message (with its slot key, as Slack's metadata would) and can fail or crash on demand.
import type { Clock } from '../../src/core/clock.js';
import type { AwarenessDeps, AwarenessPoster } from '../../src/core/awareness/deps.js';
import type { Tip } from '../../src/core/awareness/tip.js';
import type { Db } from '../../src/db/types.js';

/** What the fake Slack holds: every message posted, per channel. */
export class FakeSlack {
  readonly messages: { channel: string; ts: string; tipId: string; slotKey: string; at: Date }[] = [];
  private n = 0;
  constructor(private readonly clock: Clock) {}

  /** A poster for one replica; `crashAfterPost` makes it post and then fail, as a replica dying mid-post would. */
  poster(opts: { fail?: () => string | undefined; crashAfterPost?: () => boolean } = {}): AwarenessPoster {
    return {
      post: async (channel, tip, slotKey) => {
        const error = opts.fail?.();
        if (error) throw new Error(error);
        this.n += 1;
        const ts = `1700000000.${String(this.n).padStart(6, '0')}`;
        this.messages.push({ channel, ts, tipId: tip.id, slotKey, at: this.clock.now() });
        if (opts.crashAfterPost?.()) throw new Error('replica died after posting');
        return { ts, audience: 10 };
      },
      findPosted: async (channel, slotKey) => this.messages.find((m) => m.channel === channel && m.slotKey === slotKey)?.ts,
    };
  }

  /** Slot keys posted to a channel, in order. */
  keysIn(channel: string): string[] {
    return this.messages.filter((m) => m.channel === channel).map((m) => m.slotKey);
  }
}

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
    ...overrides,
  };
}
