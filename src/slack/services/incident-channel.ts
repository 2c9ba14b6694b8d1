// What happens in Slack once an incident is stored: its channel, the reporter's invite, the opening message, the
// announcement and the reporter's confirmation. Runs after the ack; each failure is told to the user and recorded.
// The announcement itself was enqueued in the outbox with the declaration; it is released here once the channel it
// links exists, and the outbox worker delivers it (retrying as needed).
import { channelMention, joinMd, md, type Mrkdwn } from '../blocks/mrkdwn.js';
import { drillPrefix } from '../blocks/drill.js';
import type { WebClient } from '@slack/web-api';
import type { Core } from '../../core/core.js';
import type { Declared } from '../../core/incidents/declare.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Logger } from '../../log.js';
import { channelIntro } from '../blocks/incident.js';
import { attempt } from './slack-call.js';
import { releaseAnnouncement } from '../../core/outbox/incident-notices.js';
import { settledDeliveries } from '../../core/outbox/deliveries.js';

export interface ChannelDeps {
  core: Core;
  client: WebClient;
  logger: Logger;
  /** INCIDENT_CHANNEL; the announcement there goes through the outbox (core knows the channel as announceChannel). */
  incidentChannel: string | undefined;
}

/** A channel name for the incident: a private one never carries the title, which would leak it in invites. */
export function channelNameFor(incident: Pick<Incident, 'number' | 'title' | 'private' | 'drill'>): string {
  const prefix = `${incident.drill ? 'drill-' : ''}inc-${incident.number}`;
  if (incident.private) return prefix;
  const slug = incident.title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug ? `${prefix}-${slug}` : prefix;
}

/** Sets up Slack for a newly declared incident and returns the confirmation text for the reporter. */
export async function setUpIncidentInSlack(deps: ChannelDeps, declared: Declared): Promise<Mrkdwn> {
  let incident = declared.incident;
  const problems: string[] = [];
  const created = await attempt(deps, incident.id, 'creating the incident channel', () => createChannel(deps.client, incident));
  if (created.ok) {
    incident = await deps.core.attachChannel(incident.id, created.value);
    const invited = await attempt(deps, incident.id, 'inviting you to the channel', () =>
      deps.client.conversations.invite({ channel: created.value.id, users: incident.reporterId }),
    );
    if (invited.ok) await deps.core.recordSlackOutcome(incident.id, { kind: 'members_invited', users: [incident.reporterId] });
    else problems.push(invited.error);
    const intro = await attempt(deps, incident.id, 'posting the channel’s first message', () =>
      deps.client.chat.postMessage({ channel: created.value.id, ...channelIntro(incident, deps.core.playbooks.library.forType(incident.type)) }),
    );
    if (!intro.ok) problems.push(intro.error);
  } else {
    problems.push(created.error);
  }
  if (declared.announcement) {
    await releaseAnnouncement(deps.core.deps, incident.id);
    const [announced] = await settledDeliveries(deps.core.deps, [declared.announcement]);
    if (announced?.error && announced.state !== 'delivered') {
      problems.push(`${announced.action} failed (${announced.error})${announced.state === 'pending' ? ', it will be retried' : ''}`);
    }
  }
  return confirmation(incident, declared.forcedPrivateBecause, problems);
}

function confirmation(incident: Incident, forcedPrivateBecause: string | undefined, problems: string[]): Mrkdwn {
  const where = incident.channelId ? md` Its channel is ${channelMention(incident.channelId)}.` : '';
  const lines = [md`:white_check_mark: ${drillPrefix(incident)}*${incident.ref}* is declared (${incident.severity}, ${incident.private ? 'private' : 'public'}).${where}`];
  if (forcedPrivateBecause) lines.push(md`It is private because ${forcedPrivateBecause}.`);
  if (problems.length > 0) {
    lines.push(md`:warning: The incident and its timeline are saved, but in Slack: ${problems.join('; ')}. Each failure is on its timeline.`);
  }
  return joinMd(lines, '\n');
}

/** Creates the channel, adding a suffix when the name is taken (e.g. a channel left over from an older install). */
async function createChannel(client: WebClient, incident: Incident): Promise<{ id: string; name: string; private: boolean }> {
  const base = channelNameFor(incident);
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    try {
      const res = await client.conversations.create({ name, is_private: incident.private });
      return { id: res.channel!.id!, name: res.channel!.name ?? name, private: incident.private };
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code !== 'name_taken' || n >= 5) throw err;
    }
  }
}
