// The live credential decoys' tokens, kept in memory: every Slack message of 32 characters or more is checked against
// them, and reading them from the database each time cost one query per message.
//
// How changes reach every replica: polling, read at most every LIVE_CREDENTIALS_REFRESH_MS by the injected clock.
// A change made through this core (register, retire) marks the copy stale at once. A change made elsewhere (another
// replica, the CLI, which is another process) is seen by the first check after the copy is REFRESH_MS old, which
// re-reads the list (one query: a deployment plants tens of decoys, so the list costs no more than a version check
// would, and it needs no trigger, counter row or LISTEN connection, which PGlite and pooled connections make awkward).
// Worst case: a credential registered elsewhere trips REFRESH_MS (plus the one query) after it was committed. A
// retired one stops at once everywhere: a token found here is only a candidate, and recordHit re-reads the live decoy
// under a row lock before recording anything, so a stale copy can make one wasted query but never a false hit.
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { listLive } from './queries.js';

/** How old the in-memory copy may get before it is read again: the worst-case delay for a change made elsewhere. */
export const LIVE_CREDENTIALS_REFRESH_MS = 5_000;

/** The live credential decoys' tokens in memory, re-read when changed here or when older than refreshMs. */
export class LiveCredentials {
  private tokens: readonly string[] = [];
  private loadedAt: number | undefined;
  /** Bumped by every change made here, so a read that started before the change is not kept as fresh. */
  private generation = 0;
  private loading: { generation: number; tokens: Promise<readonly string[]> } | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly refreshMs = LIVE_CREDENTIALS_REFRESH_MS,
  ) {}

  /** Live credential tokens that appear verbatim in the text (exact lookup, never a prefix match). */
  async tokensIn(text: string): Promise<string[]> {
    if (!text) return [];
    const tokens = this.isFresh() ? this.tokens : await this.reload();
    return tokens.filter((t) => text.includes(t));
  }

  /** Reads the list now (at start-up, so the first message waits for nothing). */
  async load(): Promise<void> {
    await this.reload();
  }

  /** A decoy was registered or retired through this core: the next check reads the list again. */
  changed(): void {
    this.generation += 1;
    this.loadedAt = undefined;
  }

  private isFresh(): boolean {
    if (this.loadedAt === undefined) return false;
    const age = this.clock.now().getTime() - this.loadedAt;
    // A clock set back (NTP, a test's clock) must not make the copy look fresh for longer than refreshMs.
    return age >= 0 && age < this.refreshMs;
  }

  /**
   * One read at a time: messages arriving while the list is being read wait for that read instead of starting another,
   * unless a change was made here since it started (it may miss that change).
   */
  private reload(): Promise<readonly string[]> {
    const generation = this.generation;
    if (this.loading?.generation === generation) return this.loading.tokens;
    // Timed from before the read: a change committed while it runs is at most refreshMs from being seen.
    const startedAt = this.clock.now().getTime();
    const tokens = listLive(this.db, ['credential'])
      .then((live) => {
        const read = live.map((d) => d.token);
        // A change made here during the read may be missing from it: use it for this check, keep it stale.
        if (generation === this.generation) {
          this.tokens = read;
          this.loadedAt = startedAt;
        }
        return read;
      })
      .finally(() => {
        if (this.loading?.tokens === tokens) this.loading = undefined;
      });
    this.loading = { generation, tokens };
    return tokens;
  }
}
