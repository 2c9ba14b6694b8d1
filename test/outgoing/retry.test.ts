// How the worker reads an answer (retry, give up, done), Retry-After in both its forms, and the jittered backoff.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { retryAfter } from '../../src/outgoing/http.js';
import { backoffMs, verdictOf } from '../../src/outgoing/retry.js';
import { signatureHeader } from '../../src/outgoing/signature.js';

describe('verdictOf', () => {
  it('delivers on 2xx, retries 408, 429 and 5xx, and gives up on other answers', () => {
    expect(verdictOf({ status: 202, body: '' })).toEqual({ kind: 'delivered' });
    expect(verdictOf({ status: 204, body: '' })).toEqual({ kind: 'delivered' });
    expect(verdictOf({ status: 429, retryAfterMs: 30_000, body: 'slow down' })).toEqual({ kind: 'retry', afterMs: 30_000, error: 'HTTP 429: slow down' });
    expect(verdictOf({ status: 429, retryAfterMs: 0, body: '' })).toEqual({ kind: 'retry', afterMs: 1_000, error: 'HTTP 429' });
    expect(verdictOf({ status: 408, body: '' })).toEqual({ kind: 'retry', error: 'HTTP 408' });
    expect(verdictOf({ status: 503, body: '<html>\n  busy\n</html>' })).toEqual({ kind: 'retry', error: 'HTTP 503: <html> busy </html>' });
    expect(verdictOf({ status: 400, body: '{"status":"invalid event"}' })).toEqual({ kind: 'failed', error: 'HTTP 400: {"status":"invalid event"}' });
    expect(verdictOf({ status: 404, body: '' })).toEqual({ kind: 'failed', error: 'HTTP 404' });
    expect(verdictOf({ status: 301, body: '' })).toMatchObject({ kind: 'failed', error: expect.stringContaining('redirects') });
  });
});

describe('retryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(retryAfter('120', now)).toBe(120_000);
    expect(retryAfter('Sat, 05 Dec 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(retryAfter('Sat, 05 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfter('soon', now)).toBeUndefined();
    expect(retryAfter(null, now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles from the base up to the cap, with half of each wait random', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1_000, 5_000, () => 0))).toEqual([500, 1_000, 2_000, 2_500]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1_000, 5_000, () => 1))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });
});

describe('signatureHeader', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 at the attempt time, in whole seconds', () => {
    // Computed independently of node:crypto, by openssl.
    const expected = execFileSync('openssl', ['dgst', '-sha256', '-hmac', 'secret-secret-secret', '-r'], { input: '1764928800.{"a":1}' }).toString().split(' ')[0];
    expect(signatureHeader('secret-secret-secret', '{"a":1}', new Date(1_764_928_800_900))).toBe(`t=1764928800,v1=${expected}`);
  });
});
