// Steady load for fault tests: a few workers each sending `/incident declare Restart load <n> --sev3` one after another
// through the Slack emulator, recording what every request got back and when.
import type { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';

/** One request and its answer, classified. */
export interface LoadReply {
  n: number;
  sentAt: number;
  answeredAt: number;
  status: number;
  text: string;
  /** Past Slack's 3 s: the person would have seen operation_timeout. */
  timedOut: boolean;
  /** saved: "INC-n is recorded"; outage: the database "try again" reply; other: anything else. */
  kind: 'saved' | 'outage' | 'other';
  /** The INC number of a saved declaration. */
  number?: number;
}

/** A running load. */
export interface Load {
  replies: LoadReply[];
  saved(): LoadReply[];
  /** Resolves once condition holds, re-checked after every reply (no polling); fails after timeoutMs or if it throws. */
  until(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

/** Starts `workers` sequential senders of declarations as user in channel. */
export function startLoad(emu: SlackEmulator, opts: { user: string; channel: string; workers: number }): Load {
  const replies: LoadReply[] = [];
  const listeners = new Set<() => void>();
  let next = 1;
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const n = next++;
      const sentAt = Date.now();
      const reply = await emu.slashCommand({ user: opts.user, channel: opts.channel, command: '/incident', text: `declare Restart load ${n} --sev3` }).catch((err: Error) => ({
        status: 0,
        body: err.message,
        json: undefined,
        timedOut: false,
      }));
      const text = (reply.json as { text?: string } | undefined)?.text ?? reply.body;
      const saved = reply.status === 200 ? /\*INC-(\d+)\* is recorded/.exec(text) : null;
      const outage = reply.status === 200 && text.startsWith(':hourglass: Rampart') && text.includes('database');
      replies.push({
        n,
        sentAt,
        answeredAt: Date.now(),
        status: reply.status,
        text,
        timedOut: reply.timedOut ?? false,
        kind: saved ? 'saved' : outage ? 'outage' : 'other',
        ...(saved ? { number: Number(saved[1]) } : {}),
      });
      for (const listener of [...listeners]) listener();
    }
  };
  const running = Promise.all(Array.from({ length: opts.workers }, worker));
  return {
    replies,
    saved: () => replies.filter((r) => r.kind === 'saved'),
    until: (condition, what, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const done = (err?: unknown) => {
          listeners.delete(check);
          clearTimeout(guard);
          if (err) reject(err instanceof Error ? err : new Error(String(err)));
          else resolve();
        };
        const check = () => {
          try {
            if (condition()) done();
          } catch (err) {
            done(err);
          }
        };
        // A deadline, not a wait: it only fires when the condition never came true.
        const guard = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), timeoutMs);
        listeners.add(check);
        check();
      }),
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
