// Slack's v0 request signing, as the emulator applies it to every request it sends the bot.
import { createHmac } from 'node:crypto';

/** The x-slack-signature value for a body: 'v0=' + hex HMAC-SHA256(secret, 'v0:<ts>:<body>'). */
export function signSlackRequest(secret: string, timestampSeconds: number, rawBody: string): string {
  const base = `v0:${timestampSeconds}:${rawBody}`;
  return `v0=${createHmac('sha256', secret).update(base).digest('hex')}`;
}
