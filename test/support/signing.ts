// Checks Slack v0 request signatures with Bolt's own verifier, so tests of the emulator's signing are not circular
// (the emulator signs with its own code; Bolt, which the bot runs, is the judge).
import { verifySlackRequest } from '@slack/bolt';

/** True when the headers carry a valid v0 signature of the body, not older than 5 minutes at nowSeconds. */
export function verifySlackSignature(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string, nowSeconds: number): boolean {
  const signature = headers['x-slack-signature'];
  const timestamp = Number(headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return false;
  try {
    verifySlackRequest({
      signingSecret: secret,
      body: rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      nowMilliseconds: nowSeconds * 1000,
    });
    return true;
  } catch {
    return false;
  }
}
