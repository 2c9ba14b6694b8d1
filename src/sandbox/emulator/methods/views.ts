// views.open, views.push and views.update: modals gated by emulator-issued trigger_ids and view hashes; views.publish:
// a user's Home tab, replaced in place and guarded by its hash.
import type { MethodTable } from './common.js';
import { SlackApiError, str } from './common.js';
import type { Workspace } from '../workspace.js';
import type { ViewRecord } from '../sessions.js';
import { validateView } from '../limits.js';
import { withGeneratedIds } from '../blocks.js';
import { viewJson } from '../shapes.js';

const MAX_STACK = 3;

/** The view argument, checked against Slack's limits, with generated block and action ids. */
export function checkedView(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
  const messages = validateView(raw);
  if (messages.length > 0) throw new SlackApiError('invalid_arguments', { response_metadata: { messages } });
  const view = raw as Record<string, unknown>;
  return { ...view, blocks: withGeneratedIds(view.blocks as unknown[]) };
}

/** Slack refuses a second open view with the same external_id (a Home tab is open for good; its own user's may reuse it). */
function checkExternalId(ws: Workspace, view: Record<string, unknown>, homeOf?: string): void {
  const externalId = typeof view.external_id === 'string' && view.external_id !== '' ? view.external_id : undefined;
  if (!externalId) return;
  const homes = [...ws.sessions.homes.values()].filter((h) => h.user !== homeOf);
  if ([...ws.sessions.views.filter((v) => !v.closed), ...homes].some((v) => v.externalId === externalId)) throw new SlackApiError('duplicate_external_id');
}

/** The user a Home tab is published to: user_id is required, and must be a person in the workspace (not_found otherwise). */
function homeUser(ws: Workspace, params: Record<string, unknown>): string {
  const userId = str(params, 'user_id');
  if (!userId) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: user_id'] } });
  const user = ws.userById(userId);
  if (!user || user.is_bot || user.deleted === true) throw new SlackApiError('not_found');
  return user.id;
}

/** Redeem the trigger_id argument; Slack's codes for missing, unknown, reused and expired ids. */
function redeem(ws: Workspace, params: Record<string, unknown>): string {
  const trigger = str(params, 'trigger_id');
  if (!trigger) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] } });
  const result = ws.sessions.redeemTrigger(trigger);
  if (!result.ok) throw new SlackApiError(result.error);
  return result.user;
}

/** How many views are open in a stack. */
function stackDepth(ws: Workspace, top: ViewRecord): number {
  return ws.sessions.views.filter((v) => v.rootId === top.rootId && !v.closed).length;
}

/** Push a view onto the user's open stack (used by views.push and response_action 'push'). */
export function pushView(ws: Workspace, user: string, view: Record<string, unknown>): ViewRecord {
  const top = ws.sessions.openViewOf(user);
  if (!top) throw new SlackApiError('not_found');
  if (stackDepth(ws, top) >= MAX_STACK) throw new SlackApiError('push_limit_reached');
  const record = ws.sessions.addView(user, view, top);
  ws.emit({ kind: 'view_pushed', view: record });
  return record;
}

/** Modal handlers. */
export const viewMethods: MethodTable = {
  'views.open': ({ ws, params }) => {
    const view = checkedView(params.view);
    checkExternalId(ws, view);
    const user = redeem(ws, params);
    const record = ws.sessions.addView(user, view);
    ws.emit({ kind: 'view_opened', view: record });
    return { view: viewJson(record) };
  },

  'views.push': ({ ws, params }) => {
    const view = checkedView(params.view);
    checkExternalId(ws, view);
    const user = redeem(ws, params);
    return { view: viewJson(pushView(ws, user, view)) };
  },

  // Slack's views.publish reference: user_id and view required, view.type must be home (the view checks say so), an
  // optional hash that must match the Home tab's current one (hash_conflict), the same view id across publishes.
  'views.publish': ({ ws, params }) => {
    const view = checkedView(params.view);
    if (view.type !== 'home') throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be a valid enum value [json-pointer:/view/type]'] } });
    const user = homeUser(ws, params);
    const hash = str(params, 'hash');
    const current = ws.sessions.homes.get(user);
    if (hash !== undefined && hash !== current?.hash) throw new SlackApiError('hash_conflict');
    checkExternalId(ws, view, user);
    const record = ws.sessions.publishHome(user, view);
    ws.emit({ kind: 'home_published', view: record });
    return { view: viewJson(record) };
  },

  'views.update': ({ ws, params }) => {
    const viewId = str(params, 'view_id');
    const externalId = str(params, 'external_id');
    if (!viewId && !externalId) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] view_id or external_id is required'] } });
    const view = checkedView(params.view);
    const record = ws.sessions.findView({ viewId, externalId });
    if (!record || record.closed) throw new SlackApiError('not_found');
    const hash = str(params, 'hash');
    if (hash !== undefined && hash !== record.hash) throw new SlackApiError('hash_conflict');
    ws.sessions.replaceView(record, view);
    ws.emit({ kind: 'view_updated', view: record });
    return { view: viewJson(record) };
  },
};
