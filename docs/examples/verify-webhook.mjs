// Verifying a Rampart webhook in Node (no dependencies). Pass the request body exactly as it arrived, before any JSON
// parsing, and the Rampart-Signature header. Returns the event, or throws.
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyRampartWebhook(rawBody, signatureHeader, secret, { toleranceSeconds = 300, now = Date.now() } = {}) {
  const fields = new Map(String(signatureHeader ?? '').split(',').map((part) => part.trim().split('=', 2)));
  const t = Number(fields.get('t'));
  const v1 = fields.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) throw new Error('malformed Rampart-Signature header');
  // Refuse old signatures, so a captured request cannot be replayed later.
  if (Math.abs(now / 1000 - t) > toleranceSeconds) throw new Error('Rampart-Signature timestamp is too old or in the future');
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) throw new Error('Rampart-Signature does not match');
  return JSON.parse(rawBody);
}
