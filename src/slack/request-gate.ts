// The HTTP edge of /slack/events, before Bolt: a fresh timestamp, a body within the caps, a valid signature, a body
// that parses to an object, and a signature never accepted before (by any replica). Each check costs less than the
// next, so what an unauthenticated sender can make the bot hold or write is bounded; only a request that passes all
// of them reaches Bolt (whose own signature check is turned off in src/slack/app.ts: it would only repeat this one).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { BodyBudget } from './request-body.js';
import { userMessageFor } from './errors.js';
import { message } from './blocks/message.js';
import type { GateRefusal } from './request-observer.js';

/** Slack's replay window: a signature older (or newer) than this is refused. */
const WINDOW_SECONDS = 300;

/** What the edge needs: the secret, the clock, the body caps and the ledger of accepted signatures. */
export interface RequestGate {
  signingSecret: string;
  now: () => number;
  bodies: BodyBudget;
  /** True the first time a signature is seen on any replica (core.requests.claimSignature). */
  claimSignature(signature: string, validUntil: Date): Promise<boolean>;
  logger: Logger;
  /** Told of each refusal (the /metrics adapter counts them by reason), when metrics are on. */
  refused?(reason: GateRefusal): void;
}

/** True when the Slack timestamp header is within 5 minutes of now, either way. */
export function timestampIsFresh(header: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && Math.abs(nowMs / 1000 - seconds) <= WINDOW_SECONDS;
}

/** Runs the edge checks, then hands the request (with its body read) to Bolt's listener. */
export async function gateRequest(gate: RequestGate, req: IncomingMessage, res: ServerResponse, next: RequestListener): Promise<void> {
  const timestamp = req.headers['x-slack-request-timestamp'];
  const signature = req.headers['x-slack-signature'];
  // Bolt refuses stale requests but accepts ones dated in the future; a replay window is a replay window.
  if (!timestampIsFresh(timestamp, gate.now()) || typeof signature !== 'string') return refuse(gate, 'stale', res, 401);
  const read = await gate.bodies.read(req);
  if (!read.ok) {
    gate.refused?.('too_large');
    // The rest of the body is drained (not kept) and the connection closed, so the client reads the refusal; the
    // server's requestTimeout ends a sender that never stops.
    res.writeHead(read.status, { connection: 'close' }).end();
    req.resume();
    return;
  }
  const rawBody = read.body.toString();
  if (!signedWithSecret(gate, signature, Number(timestamp), rawBody)) return refuse(gate, 'bad_signature', res, 401);
  if (!parsesToObject(rawBody, req.headers['content-type'])) return refuse(gate, 'not_object', res, 400);
  let first: boolean;
  try {
    first = await gate.claimSignature(signature, new Date((Number(timestamp) + WINDOW_SECONDS) * 1000));
  } catch (err) {
    gate.refused?.('unrecorded');
    return answerUnclaimed(gate, rawBody, req, res, err);
  }
  if (!first) {
    gate.logger.warn({ timestamp: Number(timestamp) }, 'replayed Slack request refused (its signature was already used)');
    return refuse(gate, 'replayed', res, 401);
  }
  // Bolt reuses `req.rawBody` once it is set, so the body is read once.
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = read.body;
  next(req, res);
}

/** Answers a refused request with its status (no body) and tells the observer why. */
function refuse(gate: RequestGate, reason: GateRefusal, res: ServerResponse, status: number): void {
  gate.refused?.(reason);
  res.writeHead(status).end();
}

function signedWithSecret(gate: RequestGate, signature: string, timestamp: number, body: string): boolean {
  try {
    verifySlackRequest({ signingSecret: gate.signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: gate.now() });
    return true;
  } catch {
    return false;
  }
}

/**
 * The signature could not be recorded (the database is away), so whether it is a replay is unknown and nothing is
 * done. A slash command gets its "try again" reply, as any command during an outage does; anything else gets 503, so
 * Slack redelivers an event later.
 */
function answerUnclaimed(gate: RequestGate, rawBody: string, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const reply = message(userMessageFor(err, gate.logger, { during: 'recording the request signature' }));
  const isCommand = req.headers['content-type'] === 'application/x-www-form-urlencoded' && new URLSearchParams(rawBody).has('command');
  if (isCommand) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ response_type: 'ephemeral', ...reply }));
  else res.writeHead(503).end();
}

/**
 * Whether Bolt's parse of the body (JSON, a form, or a form's `payload` JSON) gives an object; garbage is left to
 * Bolt. `null`, `[]`, `1` or `payload=null` would make Bolt read `body.ssl_check` off a non-object, which throws in a
 * detached promise and leaves the request unanswered, so they get 400 here.
 */
function parsesToObject(text: string, contentType: string | undefined): boolean {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(text).getAll('payload');
      if (payload.length !== 1) return true;
      text = payload[0]!;
    }
    // Text starting with `{` parses to an object or not at all (garbage, left to Bolt): no need to parse it here too.
    if (text.trimStart().startsWith('{')) return true;
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  } catch {
    return true;
  }
}
