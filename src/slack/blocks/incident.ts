// Messages about incidents: the announcement, the channel's opening message, `show` and `list`.
import type { Incident } from '../../core/incidents/incident.js';
import type { VisibleIncident } from '../../core/incidents/read.js';
import type { Playbook } from '../../core/playbooks/playbook.js';
import { suggestionBlocks } from './playbooks.js';
import { drillPlainPrefix, drillPrefix } from './drill.js';
import { channelLink, context, header, packLines, section, sevLabel, slackDate, who } from './text.js';

/**
 * The announcement for the incidents channel. A private incident shows only its reference, severity and
 * commander: its title and description stay in its own channel.
 */
export function announcement(incident: Incident) {
  // A drill says so first, in the text fallback too (notifications show only that).
  const lead = `${drillPrefix(incident)}:rotating_light: *${incident.ref}* declared · *${sevLabel(incident.severity)}*`;
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
  const text = `${drillPrefix(incident)}${incident.ref}: ${incident.title}`;
  return {
    text,
    blocks: [
      header(`${drillPlainPrefix(incident)}${incident.ref}: ${incident.title}`),
      ...(incident.drill ? [section(`${drillPrefix(incident)}This is an exercise: it runs like a real incident but is left out of metrics and digests.`)] : []),
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
    const text = `${drillPrefix(i)}*${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · private. Only responders and the people working on it can see more.`;
    return { text, blocks: [section(text)] };
  }
  const times = [
    `declared ${slackDate(i.declaredAt)}`,
    i.acknowledgedAt && `acknowledged ${slackDate(i.acknowledgedAt)}`,
    i.containedAt && `contained ${slackDate(i.containedAt)}`,
    i.resolvedAt && `resolved ${slackDate(i.resolvedAt)}`,
    i.closedAt && `closed ${slackDate(i.closedAt)}`,
  ].filter(Boolean);
  const text = `${drillPrefix(i)}${i.ref}: ${i.title}`;
  return {
    text,
    blocks: [
      section(`${drillPrefix(i)}*${i.ref}: ${i.title}*\n${i.description || '_no description_'}`),
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
  const line = ({ incident: i, redacted }: VisibleIncident) =>
    redacted
      ? `• *${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · _private_`
      : `• *${i.ref}* · ${sevLabel(i.severity)} · ${i.status} · ${i.title}${i.private ? ' · _private_' : ''}`;
  // Drills are listed apart, after the real incidents, so nobody reads an exercise as the real thing.
  const real = items.filter((v) => !v.incident.drill).map(line);
  const drills = items.filter((v) => v.incident.drill).map(line);
  const drillHeading = `:construction: *Drills* (${drills.length})`;
  const lines = [...real, ...(drills.length > 0 ? [...(real.length > 0 ? [''] : []), drillHeading, ...drills] : [])];
  // Sections are filled up to Slack's 3,000-character limit; 45 of them at most, then a pointer to the CLI.
  const { sections: chunks, shown } = packLines(lines);
  const title = `${scope === 'open' ? 'Open incidents' : 'All incidents'} (${real.length})${drills.length > 0 ? ` · drills (${drills.length})` : ''}`;
  return {
    text: title,
    blocks: [
      section(`*${title}*`),
      ...(real.length === 0 ? [section(scope === 'open' ? '_No open incidents, only drills._' : '_No incidents, only drills._')] : []),
      ...chunks.map(section),
      ...(items.some((v) => v.unsure)
        ? [context(':warning: Slack did not say which incident channels you are in, so private incidents you may be entitled to see are shown as _private_. Try again in a minute.')]
        : []),
      ...(shown < lines.length ? [context(`Showing the newest ${lines.slice(0, shown).filter((l) => l.startsWith('• ')).length}; use \`rampart incidents\` for all.`)] : []),
    ],
  };
}
