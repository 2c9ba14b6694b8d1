// Messages about incidents: the announcement, the channel's opening message, `show` and `list`.
import type { Incident } from '../../core/incidents/incident.js';
import type { VisibleIncident } from '../../core/incidents/read.js';
import type { Playbook } from '../../core/playbooks/playbook.js';
import { suggestionBlocks } from './playbooks.js';
import { channelLink, context, header, packLines, section, sevLabel, slackDate, who } from './text.js';

/**
 * The announcement for the incidents channel. A private incident shows only its reference, severity and
 * commander: its title and description stay in its own channel.
 */
export function announcement(incident: Incident) {
  const lead = `:rotating_light: *${incident.ref}* declared · *${sevLabel(incident.severity)}*${incident.drill ? ' · _drill_' : ''}`;
  if (incident.private) {
    const text = `${lead} · private · commander: ${who(incident.commanderId)}`;
    return { text, blocks: [section(text), context('Details are shared only in the incident’s private channel.')] };
  }
  const text = `${lead} · ${incident.title}`;
  return {
    text,
    blocks: [
      section(`${lead}\n*${incident.title}*`),
      context(`Type: ${incident.type} · reported by ${who(incident.reporterId)} · commander: ${who(incident.commanderId)} · channel: ${channelLink(incident)}`),
    ],
  };
}

/** The first message in the incident's own channel, suggesting the playbooks for its type. */
export function channelIntro(incident: Incident, playbooks: Playbook[] = []) {
  const text = `${incident.ref}: ${incident.title}`;
  return {
    text,
    blocks: [
      header(`${incident.ref}: ${incident.title}`),
      ...(incident.description ? [section(incident.description)] : []),
      context(
        `${sevLabel(incident.severity)} · ${incident.type} · ${incident.private ? 'private' : 'public'}${incident.drill ? ' · drill' : ''} · reported by ${who(incident.reporterId)}`,
      ),
      section(
        'Add to the timeline with `/incident note <text>` (start with `at 14:05` for something that happened earlier), or react with :pushpin: to a message here.',
      ),
      ...suggestionBlocks(incident, playbooks),
    ],
  };
}

/** `/incident show`: everything about one incident, or its reference only when redacted. */
export function incidentDetails(v: VisibleIncident) {
  const i = v.incident;
  if (v.redacted) {
    const text = `*${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · private. Only responders and the people working on it can see more.`;
    return { text, blocks: [section(text)] };
  }
  const times = [
    `declared ${slackDate(i.declaredAt)}`,
    i.acknowledgedAt && `acknowledged ${slackDate(i.acknowledgedAt)}`,
    i.containedAt && `contained ${slackDate(i.containedAt)}`,
    i.resolvedAt && `resolved ${slackDate(i.resolvedAt)}`,
    i.closedAt && `closed ${slackDate(i.closedAt)}`,
  ].filter(Boolean);
  const text = `${i.ref}: ${i.title}`;
  return {
    text,
    blocks: [
      section(`*${i.ref}: ${i.title}*${i.drill ? ' _(drill)_' : ''}\n${i.description || '_no description_'}`),
      section(
        `*Status:* ${i.status}   *Severity:* ${sevLabel(i.severity)}   *Type:* ${i.type}   *Visibility:* ${i.private ? 'private' : 'public'}\n` +
          `*Commander:* ${who(i.commanderId)}   *Comms:* ${who(i.commsId)}   *Scribe:* ${who(i.scribeId)}   *Reporter:* ${who(i.reporterId)}\n` +
          `*Channel:* ${channelLink(i)}`,
      ),
      context(times.join(' · ')),
    ],
  };
}

/** `/incident list`: one line per incident, private ones reduced to their reference for outsiders. */
export function incidentList(items: VisibleIncident[], scope: 'open' | 'all') {
  if (items.length === 0) {
    const text = scope === 'open' ? 'No open incidents. :white_check_mark:' : 'No incidents yet.';
    return { text, blocks: [section(text)] };
  }
  const lines = items.map(({ incident: i, redacted }) =>
    redacted
      ? `• *${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · _private_`
      : `• *${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · ${i.title}${i.private ? ' · _private_' : ''}`,
  );
  // Sections are filled up to Slack's 3,000-character limit; 45 of them at most, then a pointer to the CLI.
  const { sections: chunks, shown } = packLines(lines);
  const title = `${scope === 'open' ? 'Open incidents' : 'All incidents'} (${items.length})`;
  return {
    text: title,
    blocks: [
      section(`*${title}*`),
      ...chunks.map(section),
      ...(shown < lines.length ? [context(`Showing the newest ${shown}; use \`rampart incidents\` for all.`)] : []),
    ],
  };
}
