// An independent check of Slack v0 request signatures (written from Slack's docs, not from the emulator's
// code), so tests of the emulator's signing are not circular.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** True when the headers carry a valid v0 signature of the body, at most 5 minutes from nowSeconds. */
export function verifySlackSignature(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string, nowSeconds: number): boolean {
  const timestamp = Number(headers['x-slack-request-timestamp']);
  const signature = headers['x-slack-signature'];
  if (!Number.isFinite(timestamp) || typeof signature !== 'string') return false;
  if (Math.abs(nowSeconds - timestamp) > 300) return false;
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}
