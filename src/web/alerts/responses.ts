// What the alert route answers, in one place: every refusal is JSON `{ error, message, field? }` with the status the
// OpenAPI document (docs/openapi.yaml) gives it. Core's coded errors map to statuses here; anything unexpected is
// logged with a short correlation id, which is all the caller sees of it.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { databaseOutageMessage, databaseOutageOf, isAppError } from '../../shared/errors.js';
import type { Logger } from '../../log.js';

/** The `error` values a refusal carries (docs/openapi.yaml lists them). */
export type AlertErrorCode =
  | 'unauthorized'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'busy'
  | 'invalid_json'
  | 'invalid_field'
  | 'method_not_allowed'
  | 'database_unavailable'
  | 'internal';

/** Sends a JSON answer; refusals sent before the body was read close the connection (the body stays unread). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, opts: { close?: boolean } = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...(opts.close ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(text);
}

/** Sends a refusal. */
export function refuse(res: http.ServerResponse, status: number, error: AlertErrorCode, message: string, extra: { field?: string; headers?: Record<string, string>; close?: boolean } = {}): void {
  sendJson(res, status, { error, message, ...(extra.field !== undefined ? { field: extra.field } : {}) }, extra.headers, { close: extra.close ?? false });
}

/** The 401 every missing, malformed, unknown or revoked token gets: one answer, so none tells which it was. */
export function unauthorized(res: http.ServerResponse, opts: { close?: boolean } = {}): void {
  refuse(res, 401, 'unauthorized', 'Send `Authorization: Bearer <token>` with the token of a live alert source (`rampart alert-sources create NAME`).', {
    headers: { 'www-authenticate': 'Bearer realm="rampart-alerts"' },
    close: opts.close ?? true,
  });
}

/** The 429 of a spent budget, with Retry-After in whole seconds. */
export function rateLimited(res: http.ServerResponse, retryAfterMs: number): void {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  refuse(res, 429, 'rate_limited', `Too many requests: try again in ${seconds} s (ALERTS_RATE_LIMIT).`, { headers: { 'retry-after': String(seconds) }, close: true });
}

/** Answers for an error thrown by core.alerts.receive. */
export function sendReceiveError(res: http.ServerResponse, err: unknown, logger: Logger): void {
  if (isAppError(err, 'not_authenticated')) return unauthorized(res, { close: false });
  if (isAppError(err)) {
    const field = typeof err.details.field === 'string' ? err.details.field : undefined;
    return refuse(res, 400, 'invalid_field', err.message, field !== undefined ? { field } : {});
  }
  const outage = databaseOutageOf(err);
  if (outage) return refuse(res, 503, 'database_unavailable', databaseOutageMessage(outage), { headers: { 'retry-after': '5' } });
  const correlationId = randomBytes(4).toString('hex');
  logger.error({ err, correlationId }, 'unexpected error receiving an alert');
  refuse(res, 500, 'internal', `Something went wrong on Rampart's side (error id ${correlationId}).`);
}
