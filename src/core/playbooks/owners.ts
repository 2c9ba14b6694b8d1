// Who a step belongs to: an assigned person first, else the holder of the role the playbook names.
import type { Incident } from '../incidents/incident.js';
import type { RunStep } from './run.js';

/** The step's owner as shown: a label (role, team or person) and the Slack user behind it when known. */
export function ownerOf(s: Pick<RunStep, 'assignee' | 'step'>, incident: Incident): { label: string | null; userId: string | null } {
  if (s.assignee) return { label: null, userId: s.assignee };
  const owner = s.step.owner?.trim();
  if (!owner) return { label: null, userId: null };
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(owner) ?? /^([UW][A-Z0-9]{2,})$/.exec(owner);
  if (mention) return { label: null, userId: mention[1]! };
  const holders: Record<string, string | null> = {
    commander: incident.commanderId,
    comms: incident.commsId,
    scribe: incident.scribeId,
    reporter: incident.reporterId,
  };
  const role = owner.toLowerCase();
  return { label: owner, userId: role in holders ? (holders[role] ?? null) : null };
}

/** True when the step is the user's: assigned to them, or theirs through the role it names. */
export function isMine(s: Pick<RunStep, 'assignee' | 'step'>, incident: Incident, userId: string): boolean {
  return ownerOf(s, incident).userId === userId;
}
