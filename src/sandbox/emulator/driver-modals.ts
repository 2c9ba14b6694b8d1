// Acting as Slack for what a person does in a modal: submit it with values, or close it.
import type { BotReply, ModalValues } from './types.js';
import type { DriverDeps } from './driver.js';
import type { ViewRecord } from './sessions.js';
import { viewClosed, viewSubmission } from './payloads.js';
import { applyViewSubmissionReply } from './replies.js';
import { viewJson } from './shapes.js';
import { buildStateValues } from './view-state.js';

/** The view the person acts on: the one named, or their top open view. */
function targetView(deps: DriverDeps, userId: string, viewId?: string): ViewRecord {
  const view = viewId ? deps.ws.sessions.findView({ viewId }) : deps.ws.sessions.openViewOf(userId);
  if (!view || view.closed) throw new Error(viewId ? `View ${viewId} is not open` : `No open modal for user ${userId}`);
  if (view.user !== userId) throw new Error(`View ${view.id} is shown to ${view.user}, not ${userId}`);
  return view;
}

/** Fill in and submit a modal; the bot's answer decides whether it closes, changes or shows errors. */
export async function submitView(deps: DriverDeps, args: { user: string; values: ModalValues; viewId?: string }): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const view = targetView(deps, user.id, args.viewId);
  const values = buildStateValues(view.view.blocks, args.values, {
    userId: (s) => ws.resolveUser(s).id,
    channelId: (s) => ws.resolveChannel(s).id,
  });
  const payload = viewSubmission({ user, viewJson: viewJson(view, values), triggerId: ws.sessions.issueTrigger(user.id) });
  const reply = await deps.transport.sendPayload(payload);
  applyViewSubmissionReply(ws, view, reply);
  return reply;
}

/**
 * Close a modal. Slack tells the bot only when the view asked for notify_on_close; otherwise nothing is
 * sent and the reply has status 0.
 */
export async function closeView(deps: DriverDeps, args: { user: string; viewId?: string }): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const view = targetView(deps, user.id, args.viewId);
  // Closing with the X closes the whole stack, as in the Slack client.
  ws.sessions.closeStack(view);
  if (view.view.notify_on_close !== true) return { status: 0, body: '' };
  return deps.transport.sendPayload(viewClosed({ user, viewJson: viewJson(view) }));
}
