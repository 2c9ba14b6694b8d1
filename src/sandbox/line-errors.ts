// How a sandbox line fails: the person's mistake, the emulator refusing as Slack would, or the bot not answering
// (an error status, no answer at all, or background work that never finishes). Each becomes a LineError.
import type { BotReply } from './emulator/types.js';

/** A line that could not be carried out, or that the bot failed to answer; the message says why. */
export class LineError extends Error {
  override readonly name = 'LineError';
}

/** How long a request or the bot's background work may take before the sandbox gives up on it. */
export const ANSWER_TIMEOUT_MS = 15_000;

/** The result of a pure check, its error turned into a LineError (the person's mistake, not a crash). */
export function attempt<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new LineError((err as Error).message, { cause: err });
  }
}

/** Waits for a request to the bot and fails the line on no answer or a non-2xx answer. */
export async function check(request: Promise<BotReply>, what: string): Promise<BotReply> {
  let reply: BotReply;
  try {
    reply = await withTimeout(request, `the bot never answered ${what}`);
  } catch (err) {
    if (err instanceof LineError) throw err;
    // fetch fails with a TypeError when the bot cannot be reached; any other error is the emulator refusing the
    // action as Slack would (a required field left empty, an unknown option), and its message says why.
    if (err instanceof TypeError) {
      const cause = err.cause instanceof Error ? err.cause.message : err.message;
      throw new LineError(`the bot never answered ${what}: ${cause}`, { cause: err });
    }
    throw new LineError((err as Error).message, { cause: err });
  }
  // Status 0: the emulator had nothing to send (closing a modal without notify_on_close), so nothing to fail.
  if (reply.status !== 0 && (reply.status < 200 || reply.status > 299)) {
    throw new LineError(`the bot answered ${what} with HTTP ${reply.status}${reply.body ? `: ${reply.body.slice(0, 300)}` : ''}`);
  }
  return reply;
}

/** The promise's result, or a LineError once ANSWER_TIMEOUT_MS has passed; the timer never keeps the process alive. */
export function withTimeout<T>(p: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineError(`${message} after ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
