// What an unauthenticated request body may hold. A request to /slack/events is only known to be Slack's once its
// whole body has been read and its signature checked, so until then each body is capped, and all bodies being read at
// once share one budget: a hundred connections that send a few megabytes and stall hold at most that budget, and
// give it back when they end. (How long a body may take is the HTTP server's requestTimeout, in src/app.ts.)
import type { IncomingMessage } from 'node:http';

/**
 * Slack's payloads are small. The largest is a view_submission, which echoes the modal: at most 100 blocks whose
 * texts and input values hold at most 3,000 characters each (Block Kit's limits), and our modals have a handful of
 * inputs; a message event's text stops at 40,000 characters. Real ones are a few kilobytes; 1 MiB is ample headroom
 * (Bolt's own default is 4 MB).
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** All bodies being read at once: 16 of the largest, or thousands of real Slack requests. */
export const BODIES_IN_FLIGHT_BYTES = 16 * 1024 * 1024;

/** A body read in full, or why it was refused: 413 (this body is too large) or 503 (the shared budget is spent). */
export type BodyRead = { ok: true; body: Buffer } | { ok: false; status: 413 | 503 };

/** The caps on unauthenticated bodies and the bytes currently held against them. */
export class BodyBudget {
  private held = 0;

  constructor(
    readonly perRequestBytes = BODY_LIMIT_BYTES,
    readonly inFlightBytes = BODIES_IN_FLIGHT_BYTES,
  ) {}

  /** Bytes held by bodies still being read. */
  get heldBytes(): number {
    return this.held;
  }

  /**
   * Reads the whole body within the caps. Its bytes count against the shared budget until it is complete, refused,
   * or its connection closes. A refused body is left unread (the caller closes the connection).
   */
  read(req: IncomingMessage): Promise<BodyRead> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.perRequestBytes) return Promise.resolve({ ok: false, status: 413 });
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (outcome: BodyRead | Error) => {
        req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
        this.held -= size;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onData = (chunk: Buffer) => {
        if (size + chunk.length > this.perRequestBytes) return refuse(413);
        if (this.held + chunk.length > this.inFlightBytes) return refuse(503);
        size += chunk.length;
        this.held += chunk.length;
        chunks.push(chunk);
      };
      const refuse = (status: 413 | 503) => {
        req.pause();
        finish({ ok: false, status });
      };
      const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks) });
      const onError = (err: Error) => finish(err);
      // A connection closed mid-body (the client went away, or the server's requestTimeout ended it).
      const onClose = () => finish(new Error('the connection closed before the body was complete'));
      req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    });
  }
}
