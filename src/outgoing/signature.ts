// The Rampart-Signature header of a webhook delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
// docs/webhooks.md tells receivers how to check it (docs/examples/verify-webhook.mjs, which a test runs).
import { createHmac } from 'node:crypto';

/** The header value for a body sent at `at`. */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
