// A fake Slack behind the scheduled posts' ports (awareness tips and the weekly digest): it remembers every message
// with its slot key, as Slack's metadata would, and can fail or crash on demand.
import type { Clock } from '../../src/core/clock.js';
import type { AwarenessPoster } from '../../src/core/awareness/deps.js';
import type { DigestPoster } from '../../src/core/digest/deps.js';
import type { Digest } from '../../src/core/digest/digest.js';

/** A message the fake Slack holds; tipId for a tip, digest for a digest. */
export interface FakeMessage {
  channel: string;
  ts: string;
  slotKey: string;
  at: Date;
  tipId?: string;
  digest?: Digest;
}

/** How a replica's poster misbehaves: `fail` throws before posting, `crashAfterPost` posts and then fails, as a replica dying mid-post would. */
export interface Faults {
  fail?: () => string | undefined;
  crashAfterPost?: () => boolean;
}

/** What the fake Slack holds: every message posted, per channel. */
export class FakeSlack {
  readonly messages: FakeMessage[] = [];
  private n = 0;
  constructor(private readonly clock: Clock) {}

  /** An awareness poster for one replica. */
  poster(faults: Faults = {}): AwarenessPoster {
    return {
      post: async (channel, tip, slotKey) => ({ ts: this.post(faults, { channel, slotKey, tipId: tip.id }), audience: 10 }),
      findPosted: async (channel, slotKey) => this.find(channel, slotKey),
    };
  }

  /** A digest poster for one replica. */
  digestPoster(faults: Faults = {}): DigestPoster {
    return {
      post: async (channel, digest, slotKey) => ({ ts: this.post(faults, { channel, slotKey, digest }) }),
      findPosted: async (channel, slotKey) => this.find(channel, slotKey),
    };
  }

  /** Slot keys posted to a channel, in order. */
  keysIn(channel: string): string[] {
    return this.messages.filter((m) => m.channel === channel).map((m) => m.slotKey);
  }

  private post(faults: Faults, m: Omit<FakeMessage, 'ts' | 'at'>): string {
    const error = faults.fail?.();
    if (error) throw new Error(error);
    this.n += 1;
    const ts = `1700000000.${String(this.n).padStart(6, '0')}`;
    this.messages.push({ ...m, ts, at: this.clock.now() });
    if (faults.crashAfterPost?.()) throw new Error('replica died after posting');
    return ts;
  }

  private find(channel: string, slotKey: string): string | undefined {
    return this.messages.find((m) => m.channel === channel && m.slotKey === slotKey)?.ts;
  }
}
