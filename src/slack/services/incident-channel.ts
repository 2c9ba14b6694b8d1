// What the reporter hears once an incident is stored. The Slack set-up itself (channel, invite, first message,
// announcement) was enqueued in the outbox with the declaration and is carried out by its worker, which retries it
// after any fault and never does it twice; this waits for what is due and sums it up for the reporter.
import { channelMention, joinMd, md, type Mrkdwn } from '../blocks/mrkdwn.js';
import { drillPrefix } from '../blocks/drill.js';
import type { Core, Incident } from '../../core/index.js';
import type { Logger } from '../../log.js';
import { setupFollowUpKeys } from '../../core/index.js';

export interface ChannelDeps {
  core: Core;
  logger: Logger;
}

/** What a declaration's set-up key and incident are (a Declared, or a decoy's Tripped). */
export interface SetUp {
  incident: Incident;
  setup?: string;
  forcedPrivateBecause?: string;
}

/** Waits for the incident's Slack set-up to be tried and returns the confirmation text for the reporter. */
export async function setUpIncidentInSlack(deps: ChannelDeps, declared: SetUp): Promise<Mrkdwn> {
  const { id } = declared.incident;
  const followUps = setupFollowUpKeys(id);
  // The set-up first: its follow-ups exist only once it has settled (the worker goes on to them before idling).
  const keys = [...(declared.setup ? [declared.setup] : []), followUps.invite, followUps.intro, followUps.announcement];
  const states = await deps.core.notices.settled(keys);
  // The channel the set-up found or made, as the worker recorded it (the incident row says the same).
  const channel = states.find((d) => d.key === declared.setup && d.state === 'delivered')?.result?.channel;
  const incident = { ...declared.incident, channelId: typeof channel === 'string' ? channel : declared.incident.channelId };
  const problems = states
    .filter((d) => d.state !== 'delivered' && d.error)
    .map((d) => `${d.action} failed (${d.error})${d.state === 'pending' ? ', it will be retried' : ''}`);
  const waiting = states.some((d) => d.key === declared.setup && d.state === 'pending');
  return confirmation(incident, declared.forcedPrivateBecause, problems, waiting);
}

function confirmation(incident: Incident, forcedPrivateBecause: string | undefined, problems: string[], waiting: boolean): Mrkdwn {
  const where = incident.channelId ? md` Its channel is ${channelMention(incident.channelId)}.` : '';
  const lines = [md`:white_check_mark: ${drillPrefix(incident)}*${incident.ref}* is declared (${incident.severity}, ${incident.private ? 'private' : 'public'}).${where}`];
  if (forcedPrivateBecause) lines.push(md`It is private because ${forcedPrivateBecause}.`);
  if (problems.length > 0) {
    lines.push(md`:warning: The incident and its timeline are saved, but in Slack: ${problems.join('; ')}. Each failure is on its timeline.`);
  }
  if (waiting) lines.push(md`I will message you when its channel is ready, or if I have to give up.`);
  return joinMd(lines, '\n');
}
