// Posting a message an adapter rendered (a shared timeline, a review confirmation, a checklist page) through the
// outbox, so it lands once even when Slack acts but its answer is lost, and waiting for the attempt to tell the user.
import type { Core } from '../../core/index.js';

/** How the post went: delivered (with its ts), or the words to tell the user (given up, or to be retried). */
export type Posted = { ok: true; ts?: string; channel: string } | { ok: false; error: string; pending: boolean };

/** Enqueues the message under `key` (the same key twice is one message) and waits for the worker to try it. */
export async function postOnce(
  core: Core,
  p: { key: string; channel: string; incidentId?: number; action: string; message: { text: string; blocks?: readonly unknown[] } },
): Promise<Posted> {
  await core.notices.post({ ...p, message: { text: p.message.text, ...(p.message.blocks ? { blocks: [...p.message.blocks] } : {}) } });
  const [state] = await core.notices.settled([p.key]);
  if (state?.state === 'delivered') {
    const ts = state.result?.ts;
    return { ok: true, channel: String(state.result?.channel ?? p.channel), ...(typeof ts === 'string' ? { ts } : {}) };
  }
  const pending = state?.state !== 'failed';
  return { ok: false, pending, error: `${p.action} failed (${state?.error ?? 'not tried yet'})${pending ? ', it will be retried' : ''}` };
}
