// Keeping a run's checklist messages in step with the database: post the pages a run does not have yet (through the
// outbox, so never twice), update the ones it has (chat.update is idempotent). Refreshes of one run are queued, and
// each renders what is stored when it runs, so two quick clicks can never leave an older picture on screen. Failures
// are recorded on the timeline; the step states are safe.
import type { WebClient } from '@slack/web-api';
import { checklistPageKey, type Core } from '../../core/index.js';
import type { Logger } from '../../log.js';
import { checklistMessages } from '../blocks/checklist.js';
import { attempt } from './slack-call.js';
import { postOnce } from '../outbox/post.js';

const queues = new Map<number, Promise<unknown>>();

/** Shows the run's checklist in its incident channel; returns problems worth telling the user. */
export function refreshChecklist(deps: { core: Core; logger: Logger }, client: WebClient, runId: number): Promise<string[]> {
  const previous = queues.get(runId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => render(deps, client, runId));
  queues.set(runId, next);
  void next.finally(() => {
    if (queues.get(runId) === next) queues.delete(runId);
  });
  return next;
}

async function render(deps: { core: Core; logger: Logger }, client: WebClient, runId: number): Promise<string[]> {
  const { incident, run } = await deps.core.playbooks.checklist(runId);
  if (!incident.channelId) return [`${incident.ref} has no channel, so its checklist is shown only by \`/incident tasks\``];
  const pages = checklistMessages(incident, run, deps.core.now());
  const shown = new Map((await deps.core.playbooks.messages(runId)).map((m) => [m.page, m]));
  if (!shown.has(1)) {
    // A run a rule started had its first page posted by the outbox under this key: adopt that message, so it is
    // updated in place below rather than joined by a second one.
    const [first] = await deps.core.notices.settled([checklistPageKey(runId, 1)]);
    const ts = first?.state === 'delivered' ? first.result?.ts : undefined;
    if (typeof ts === 'string') {
      const adopted = { runId, page: 1, channelId: String(first!.result?.channel ?? incident.channelId), ts };
      await deps.core.playbooks.saveMessage(adopted);
      shown.set(1, adopted);
    }
  }
  const problems: string[] = [];
  for (const [i, page] of pages.entries()) {
    const existing = shown.get(i + 1);
    if (existing) {
      const updated = await attempt(deps, incident.id, `updating the checklist (page ${i + 1})`, () =>
        client.chat.update({ channel: existing.channelId, ts: existing.ts, text: page.text, blocks: page.blocks as never[] }),
      );
      if (updated.ok) continue;
      if (!/message_not_found|channel_not_found/.test(updated.error)) {
        problems.push(updated.error);
        continue;
      }
      // The message was deleted: post the page again below.
    }
    // Through the outbox, keyed by the page and the message it replaces: a post whose answer is lost is found, not
    // made twice, and a page still pending from an earlier refresh is the same row (its ts is saved once delivered).
    const posted = await postOnce(deps.core, {
      key: checklistPageKey(runId, i + 1, existing?.ts),
      channel: incident.channelId,
      incidentId: incident.id,
      action: `posting the checklist (page ${i + 1})`,
      message: page,
    });
    if (posted.ok && posted.ts) await deps.core.playbooks.saveMessage({ runId, page: i + 1, channelId: posted.channel, ts: posted.ts });
    else if (!posted.ok) problems.push(posted.error);
  }
  return problems;
}
