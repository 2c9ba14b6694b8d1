// Slack's Socket Mode, served by the emulator: apps.connections.open (with the app-level token) hands out a
// one-time ws:// URL on the emulator's own HTTP server; a connection gets Slack's hello, then envelopes carrying the
// same payloads the HTTP requests would, and the bot acks each with {envelope_id, payload}. The ack's payload is
// treated exactly like an HTTP response body. Matches what @slack/socket-mode's SocketModeClient expects: hello
// before anything else, `disconnect` messages, and pongs to its pings (the ws server answers those itself).
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { BotReply } from './types.js';
import type { BotRequest, RequestKind, SocketDelivery } from './transport.js';
import { requestKind } from './transport.js';
import { APP_ID } from './constants.js';

const LINK_PATH = '/link/';
const DEBUG_HOST = 'applink-emulator';
/**
 * Bolt's Socket Mode receiver never acks on its own (its HTTP receiver answers 404 after 3 s), so an envelope no
 * listener acks would keep a driver call waiting forever. Long after Slack's deadline, the emulator stops waiting.
 */
const GIVE_UP_MS = 30_000;

type Obj = Record<string, unknown>;

/** What Socket Mode sends for one request: the envelope minus its id. */
export interface EnvelopeBody {
  type: RequestKind;
  payload: Obj;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/**
 * The envelope for a request the drivers built for HTTP: events carry their retry headers as retry_attempt and
 * retry_reason; slash commands' form fields and interactions' `payload` JSON become the parsed payload.
 */
export function envelopeOf(request: BotRequest): EnvelopeBody {
  const type = requestKind(request);
  if (type === 'events_api') {
    const retry = Number(request.headers?.['x-slack-retry-num'] ?? 0);
    return {
      type,
      payload: JSON.parse(request.body) as Obj,
      accepts_response_payload: false,
      retry_attempt: retry,
      retry_reason: retry > 0 ? (request.headers?.['x-slack-retry-reason'] ?? 'timeout') : '',
    };
  }
  const form = new URLSearchParams(request.body);
  const payload = type === 'interactive' ? (JSON.parse(form.get('payload') ?? '{}') as Obj) : Object.fromEntries(form);
  return { type, payload, accepts_response_payload: true };
}

/** An ack as the bot's answer: an empty payload is an empty body (as ack() over HTTP), anything else its JSON. */
export function replyOfAck(payload: unknown): BotReply {
  const empty = payload === undefined || payload === null || (typeof payload === 'object' && Object.keys(payload).length === 0);
  if (empty) return { status: 200, body: '', via: 'socket' };
  return { status: 200, body: JSON.stringify(payload), json: payload, via: 'socket' };
}

/** The answer to apps.connections.open for a token: a fresh URL, or Slack's error. */
export function connectionsOpen(appToken: string | undefined, token: string | undefined, openUrl: () => string): Obj {
  if (!token) return { ok: false, error: 'not_authed' };
  if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
  if (token !== appToken) return { ok: false, error: 'invalid_auth' };
  return { ok: true, url: openUrl() };
}

interface Pending {
  socket: WebSocket;
  resolve: (reply: BotReply) => void;
  timer: NodeJS.Timeout;
}

/** The Socket Mode endpoint on the emulator's HTTP server, and delivery of envelopes over it. */
export class SocketModeHub implements SocketDelivery {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  /** Sockets that were sent their hello, oldest first. */
  private readonly ready: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  /** Redeliveries of an event keep its envelope id, so a retried event is the same envelope as Slack would send. */
  private readonly envelopeOfEvent = new Map<string, string>();

  constructor(
    private readonly server: Server,
    private readonly baseUrl: string,
    private readonly changed: () => void,
  ) {
    server.on('upgrade', this.onUpgrade);
  }

  /** Open connections that got their hello. */
  get connections(): number {
    return this.ready.length;
  }

  /** A one-time URL for apps.connections.open; Slack's carry a ticket the same way. */
  openUrl(): string {
    const ticket = randomBytes(12).toString('hex');
    this.tickets.add(ticket);
    return `${this.baseUrl.replace(/^http/, 'ws')}${LINK_PATH}?ticket=${ticket}&app_id=${APP_ID}`;
  }

  /**
   * Send the request as an envelope on the newest connection; resolves with its ack, or with status 0 when the
   * socket closes first or nothing acks it within GIVE_UP_MS.
   */
  deliver(request: BotRequest): Promise<BotReply> {
    const socket = this.ready.at(-1);
    if (!socket) return Promise.reject(new Error('SlackEmulator: no Socket Mode connection'));
    const body = envelopeOf(request);
    const envelopeId = this.envelopeId(body);
    return new Promise<BotReply>((resolve) => {
      const timer = setTimeout(() => this.settle(envelopeId, { status: 0, body: '', via: 'socket' }), GIVE_UP_MS);
      this.pending.set(envelopeId, { socket, resolve, timer });
      socket.send(JSON.stringify({ envelope_id: envelopeId, ...body }));
    });
  }

  /** Slack's disconnect message on every connection; the client closes the socket and opens a new one. */
  disconnect(reason = 'refresh_requested'): void {
    for (const socket of this.ready) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: DEBUG_HOST } }));
  }

  /** Drop every connection (the bot sees the link go away) and stop accepting new ones. */
  async close(): Promise<void> {
    this.server.off('upgrade', this.onUpgrade);
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private settle(envelopeId: string, reply: BotReply): void {
    const waiting = this.pending.get(envelopeId);
    if (!waiting) return;
    this.pending.delete(envelopeId);
    clearTimeout(waiting.timer);
    waiting.resolve(reply);
    this.changed();
  }

  private envelopeId(body: EnvelopeBody): string {
    const eventId = body.type === 'events_api' && typeof body.payload.event_id === 'string' ? body.payload.event_id : undefined;
    if (!eventId) return randomUUID();
    const id = this.envelopeOfEvent.get(eventId) ?? randomUUID();
    this.envelopeOfEvent.set(eventId, id);
    return id;
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket');
    if (url.pathname !== LINK_PATH || !ticket || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  };

  private accept(socket: WebSocket): void {
    socket.on('message', (data, isBinary) => this.onMessage(socket, data, isBinary));
    socket.on('close', () => this.onClose(socket));
    // Errors are followed by 'close'; without a listener ws would throw them.
    socket.on('error', () => undefined);
    const hello = {
      type: 'hello',
      num_connections: this.ready.length + 1,
      debug_info: { host: DEBUG_HOST, build_number: 1, approximate_connection_time: 18_060 },
      connection_info: { app_id: APP_ID },
    };
    socket.send(JSON.stringify(hello), (error) => {
      if (error || socket.readyState !== socket.OPEN) return;
      this.ready.push(socket);
      this.changed();
    });
  }

  /** An ack: {envelope_id, payload?}. Anything else a client sends is ignored, as Slack does. */
  private onMessage(socket: WebSocket, data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(rawText(data)) as typeof message;
    } catch {
      return;
    }
    const id = typeof message.envelope_id === 'string' ? message.envelope_id : undefined;
    const waiting = id === undefined ? undefined : this.pending.get(id);
    if (!id || !waiting || waiting.socket !== socket) return;
    this.settle(id, replyOfAck(message.payload));
  }

  private onClose(socket: WebSocket): void {
    const index = this.ready.indexOf(socket);
    if (index >= 0) this.ready.splice(index, 1);
    // Unacked envelopes on a closed socket get no answer: status 0, like a request whose connection dropped.
    for (const [id, waiting] of this.pending) if (waiting.socket === socket) this.settle(id, { status: 0, body: '', via: 'socket' });
    this.changed();
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}
