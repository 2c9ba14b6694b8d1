// Applying a declaration's rule, in the transaction that settles its channel set-up (so exactly once: a set-up settles
// once, and every key below names the incident): one rule_applied event saying what the rule did, the invites, the
// playbook's run and the commander. A user group's members are a Slack question, so a group is enqueued as one
// usergroup_invited row: the worker resolves and invites them, and settling it makes the first member commander
// when the rule says so (commanderFromGroup).
import type { Tx } from '../../db/types.js';
import type { Incident } from '../incidents/incident.js';
import { updateIncident } from '../incidents/queries.js';
import { appendEvent } from '../timeline/queries.js';
import type { PlaybookLibrary } from '../playbooks/library.js';
import { durationMs, numberedSteps } from '../playbooks/playbook.js';
import { insertRun, runsOf } from '../playbooks/queries.js';
import { checklistPageKey } from '../playbooks/read.js';
import { noticeChange, noticeGiven } from '../outbox/incident-notices.js';
import { enqueue } from '../outbox/queries.js';
import type { NotificationPayloads } from '../outbox/notifications.js';
import type { IncidentRule } from './rule.js';
import type { CoreDeps } from '../context.js';
import { followIncident } from '../reminders/track.js';

/** Rampart itself, as the actor of what a rule does. */
const RULES_ACTOR = { actor: 'rampart', source: 'system' as const };

/** Carries out a matched rule on an incident whose channel now exists. */
export async function applyRule(tx: Tx, p: { incident: Incident; rule: IncidentRule; playbooks?: PlaybookLibrary; reminders?: CoreDeps['reminders']; now: Date }): Promise<void> {
  const { incident, rule, now } = p;
  const channel = incident.channelId!;
  const base = { incidentId: incident.id, now };
  const playbook = rule.playbook ? p.playbooks?.get(rule.playbook) : undefined;
  const commander = rule.commander && 'user' in rule.commander && !incident.commanderId ? rule.commander.user : undefined;
  const commanderFrom = rule.commander && 'firstOf' in rule.commander && !incident.commanderId ? rule.commander.firstOf : undefined;
  const groups = [...new Set([...rule.usergroups, ...(commanderFrom ? [commanderFrom] : [])])];
  await appendEvent(
    tx,
    incident.id,
    {
      ...RULES_ACTOR,
      kind: 'rule_applied',
      payload: { rule: rule.name, users: [...rule.users], usergroups: groups, ...(playbook ? { playbook: playbook.id } : {}), ...(commander ? { commander } : {}), ...(commanderFrom ? { commanderFrom } : {}) },
    },
    now,
  );
  for (const userId of rule.users) {
    if (userId === incident.reporterId || userId === commander) continue;
    await enqueue(tx, { ...base, key: `incident:${incident.id}:rule:invite:${userId}`, notification: { kind: 'member_invited', channel, payload: { ref: incident.ref, userId } } });
  }
  for (const usergroup of groups) {
    const payload = { ref: incident.ref, usergroup, rule: rule.name, commander: usergroup === commanderFrom };
    await enqueue(tx, { ...base, key: `incident:${incident.id}:rule:group:${usergroup}`, notification: { kind: 'usergroup_invited', channel, payload } });
  }
  if (playbook && !(await runsOf(tx, [incident.id])).some((r) => r.playbook.id === playbook.id)) {
    const dueAt = numberedSteps(playbook).map(({ step }) => (step.due ? new Date(now.getTime() + durationMs(step.due)!) : null));
    const run = await insertRun(tx, { incidentId: incident.id, playbook, startedBy: RULES_ACTOR.actor, startedAt: now, dueAt });
    await appendEvent(tx, incident.id, { ...RULES_ACTOR, kind: 'playbook_started', payload: { runId: run.id, playbookId: playbook.id, title: playbook.title, steps: run.steps.length } }, now);
    // Started by nobody who is looking: the channel gets the checklist as if someone had pressed Start playbook.
    await enqueue(tx, { ...base, key: checklistPageKey(run.id, 1), notification: { kind: 'checklist_posted', channel, payload: { ref: incident.ref, runId: run.id } } });
  }
  if (commander) await makeCommander(tx, incident, commander, rule.name, p.reminders, now);
}

/** After a rule's user group was invited: its first member becomes commander when the rule says so and nobody is yet. */
export async function afterGroupInvite(
  tx: Tx,
  p: { incident: Incident; payload: NotificationPayloads['usergroup_invited']; members: readonly string[]; reminders?: CoreDeps['reminders']; now: Date },
): Promise<void> {
  const first = p.members[0];
  if (!p.payload.commander || !first || p.incident.commanderId) return;
  await makeCommander(tx, p.incident, first, p.payload.rule, p.reminders, p.now);
}

async function makeCommander(tx: Tx, before: Incident, userId: string, ruleName: string, reminders: CoreDeps['reminders'], now: Date): Promise<void> {
  // What the channel post and the direct message say made the change ("by the rule “phishing”"); the event's actor stays Rampart.
  const by = `the rule “${ruleName}”`;
  const incident = await updateIncident(tx, before.id, { commanderId: userId, updatedAt: now });
  const event = await appendEvent(tx, before.id, { ...RULES_ACTOR, kind: 'role_assigned', payload: { role: 'commander', from: null, to: userId } }, now);
  await noticeGiven(tx, { incident, event, by, userId, given: { kind: 'role', role: 'commander' }, now });
  await noticeChange(tx, { incident, event, by, change: { kind: 'role', role: 'commander', from: null, to: userId }, now });
  // As assignRole does: a commander ends the missing-commander nudge and is who update reminders go to.
  await followIncident(tx, { reminders }, incident, 'changed', 'rampart', now);
}
