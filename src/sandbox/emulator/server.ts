// The emulator's loopback HTTP server: the Web API under /api/, plus the URLs Slack would host elsewhere
// (file uploads, response_urls). Parses bodies the way Slack accepts them, checks the token, applies
// injected faults, and records every Web API call.
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Workspace } from './workspace.js';
import type { FaultTable } from './faults.js';
import type { RateLimiter } from './rate-limits.js';
import type { EmuCall } from './types.js';
import { METHODS } from './methods/index.js';
import { SlackApiError } from './methods/common.js';
import { connectionsOpen } from './socket-mode.js';

const MAX_BODY_BYTES = 20 * 1024 * 1024;
// Arguments @slack/web-api sends as JSON strings inside form bodies.
const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view', 'files'];

/** What the server needs from the emulator. */
export interface ServerDeps {
  ws: Workspace;
  faults: FaultTable;
  botToken: string;
  /** Slack's rate limits, when the emulator was asked to enforce them (see ./rate-limits.ts). */
  limits?: RateLimiter;
  /** apps.connections.open: the app-level token it accepts and a fresh Socket Mode URL (see ./socket-mode.ts). */
  socketMode?: { appToken: string | undefined; openUrl: () => string };
  /** A POST to a response_url: returns the HTTP status and JSON body to answer. */
  onResponseUrl(id: string, body: Record<string, unknown>): { status: number; body: Record<string, unknown> };
}

/** A started server and its base URL (http://127.0.0.1:<port>). */
export interface RunningServer {
  server: Server;
  baseUrl: string;
}

/** Start listening on an ephemeral loopback port. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => send(res, 500, { ok: false, error: 'fatal_error', detail: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parse a request's arguments from the query string and a form, JSON or multipart body. */
export async function parseParams(contentType: string, raw: Buffer, query: URLSearchParams): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(query);
  if (contentType.includes('application/json') && raw.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackApiError('json_not_object');
    Object.assign(params, parsed);
  } else if (contentType.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    for (const [key, value] of form) if (typeof value === 'string') params[key] = value;
  } else if (raw.length > 0) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  }
  for (const key of JSON_FIELDS) {
    const value = params[key];
    if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) continue;
    try {
      params[key] = JSON.parse(value);
    } catch {
      // Left as a string: the method answers invalid_blocks_format / invalid_arguments, as Slack does.
    }
  }
  return params;
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const raw = await readBody(req);
  const contentType = String(req.headers['content-type'] ?? '');
  const [, area, id] = url.pathname.split('/');
  if (area === 'api' && id) return handleApi(deps, req, res, id, contentType, raw, url.searchParams);
  if (area === '_upload' && id && req.method === 'POST') return handleUpload(deps, res, id, contentType, raw);
  if (area === '_files' && id) {
    const file = deps.ws.sessions.files.get(id);
    if (!file?.bytes) return send(res, 404, 'file_not_found');
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(file.bytes);
    return;
  }
  if (area === '_response' && id && req.method === 'POST') {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return send(res, 400, { ok: false, error: 'invalid_payload' });
    }
    const answer = deps.onResponseUrl(id, body);
    return send(res, answer.status, answer.body);
  }
  send(res, 404, 'not_found');
}

/** Store uploaded bytes: @slack/web-api posts them as multipart (one file field); raw bodies work too. */
async function handleUpload(deps: ServerDeps, res: ServerResponse, id: string, contentType: string, raw: Buffer): Promise<void> {
  const file = deps.ws.sessions.files.get(id);
  if (!file) return send(res, 404, 'file_not_found');
  let bytes = raw;
  if (contentType.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const part = [...form.values()].find((v) => typeof v !== 'string');
    bytes = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
  }
  file.bytes = bytes;
  send(res, 200, `OK - ${bytes.length}`);
}

async function handleApi(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  contentType: string,
  raw: Buffer,
  query: URLSearchParams,
): Promise<void> {
  const { ws } = deps;
  // A call is logged at the moment it arrived: a slow (delayed) call must not look as if it came after later ones.
  const arrived = ws.now();
  // How the answer leaves: sent, or (a handled fault) held or lost after the call took effect.
  let answer = (status: number, body: unknown, headers: Record<string, string>) => send(res, status, body, headers);
  const record = (params: Record<string, unknown>, status: number, response: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const call: EmuCall = { method, params, status, response, at: arrived };
    ws.calls.push(call);
    if (response.ok !== true) ws.emit({ kind: 'api_error', call });
    answer(status, status === 200 || status === 429 ? response : (STATUS_CODES[status] ?? 'error'), headers);
    ws.changed();
  };
  let params: Record<string, unknown>;
  try {
    params = await parseParams(contentType, raw, query);
  } catch (error) {
    const code = error instanceof SlackApiError ? error.code : 'invalid_form_data';
    return record({}, 200, { ok: false, error: code });
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
  const token = bearer ?? (typeof params.token === 'string' ? params.token : undefined);
  delete params.token;

  const fault = deps.faults.take(method);
  if (fault?.kind === 'rate_limited') return record(params, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) });
  if (fault?.kind === 'http_error') return record(params, fault.status, { ok: false, error: `http_${fault.status}` });
  if (fault?.kind === 'slack_error') return record(params, 200, { ok: false, error: fault.error });
  // A reset before handling: recorded with status 0, nothing happened, and the caller sees the connection drop.
  if (fault?.kind === 'reset' && !fault.handled) {
    answer = () => req.socket.destroy();
    return record(params, 0, { ok: false, error: 'connection_reset' });
  }
  if (fault?.kind === 'reset') answer = () => req.socket.destroy();
  // A delay is the server being slow, so it takes real time; the call then proceeds normally. A handled delay takes
  // effect first and only the answer waits (a caller that times out cannot tell whether the call happened).
  if (fault?.kind === 'delay' && fault.handled) answer = (status, body, headers) => setTimeout(() => send(res, status, body, headers), fault.ms);
  else if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));

  // The one method that takes the app-level token instead of the bot token.
  if (method === 'apps.connections.open' && deps.socketMode) return record(params, 200, connectionsOpen(deps.socketMode.appToken, token, deps.socketMode.openUrl));
  const handler = METHODS[method];
  if (!handler) return record(params, 200, { ok: false, error: 'unknown_method', req_method: method });
  if (!token) return record(params, 200, { ok: false, error: 'not_authed' });
  if (token !== deps.botToken) return record(params, 200, { ok: false, error: 'invalid_auth' });
  // Limits are per app per workspace per method, so only an authenticated call counts; a refused one does nothing.
  const limited = deps.limits?.take(method, params, ws.now());
  if (limited) return record(params, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limited.retryAfterSeconds) });
  try {
    record(params, 200, { ok: true, ...handler({ ws, params }) });
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    record(params, 200, { ok: false, error: error.code, ...error.extra });
  }
}
