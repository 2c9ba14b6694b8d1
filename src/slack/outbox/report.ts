// Telling the person who made a change when Slack refused its notification for good (a retrying one still lands).
import { message } from '../blocks/message.js';
import { md } from '../blocks/mrkdwn.js';
import type { Core } from '../../core/index.js';
import type { AfterAck } from '../deps.js';

/** After the worker has tried what was due, tells the user about notifications given up; `saved` says what is kept. */
export async function tellUndelivered(core: Core, tell: AfterAck['tell'], keys: readonly string[], saved: string): Promise<void> {
  const failed = (await core.notices.settled(keys)).filter((d) => d.state === 'failed');
  if (failed.length === 0) return;
  await tell(message(md`:warning: ${failed.map((d) => `${d.action} failed (${d.error ?? 'unknown error'})`).join('; ')}; ${saved}.`));
}
