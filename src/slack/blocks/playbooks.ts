// Playbook lists: what is on offer (`/incident playbooks`), what an incident's channel suggests, and open steps
// (`/incident tasks`). Long lists fill sections up to Slack's limits and then say how many were left out.
import type { Incident, Playbook, Task } from '../../core/index.js';
import { numberedSteps } from '../../core/index.js';
import { BUTTON } from '../ids.js';
import { excerpt, ownerText } from './checklist.js';
import { message } from './message.js';
import { button, context, md, packLines, section, slackDate, type Mrkdwn } from './text.js';
import type { Block } from './block-kit.js';

/** The value of a Start playbook button. */
export function startValue(incident: Pick<Incident, 'ref'>, playbookId: string): string {
  return `${incident.ref} ${playbookId}`;
}

/** `/incident playbooks`: one line per playbook. */
export function playbookList(playbooks: Playbook[], custom: (id: string) => boolean) {
  if (playbooks.length === 0) return message(md`No playbooks are loaded.`, [section(md`No playbooks are loaded.`)]);
  const lines = playbooks.map((p) => {
    const types = p.incident_types.length > 0 ? ` · for ${p.incident_types.join(', ')}` : '';
    return md`• \`${p.id}\` *${p.title}* (${numberedSteps(p).length} steps${types}${custom(p.id) ? ' · _custom_' : ''}): ${excerpt(p.summary, 200)}`;
  });
  const { sections, shown } = packLines(lines);
  const title = md`*Playbooks (${playbooks.length})*: start one with \`/incident playbook INC-n <id>\``;
  return message(md`Playbooks (${playbooks.length})`, [section(title), ...sections.map(section), ...(shown < lines.length ? [context(md`${lines.length - shown} more not shown.`)] : [])]);
}

/** Blocks suggesting the playbooks for an incident's type, each with a Start playbook button. */
export function suggestionBlocks(incident: Incident, playbooks: Playbook[]): Block[] {
  return playbooks.slice(0, 5).map((p) => ({
    ...section(md`:clipboard: *Suggested playbook:* ${p.title} (${numberedSteps(p).length} steps)\n${excerpt(p.summary, 200)}`),
    accessory: button('Start playbook', BUTTON.startPlaybook, startValue(incident, p.id), 'primary'),
  }));
}

/** `/incident tasks`: open steps, grouped by incident and playbook, the reader's own marked. */
export function taskList(tasks: Task[], incident: Incident | undefined, now: Date) {
  const scope = incident ? incident.ref : 'open incidents';
  if (tasks.length === 0) {
    const text = md`No open playbook steps for ${scope}.${incident ? ' Start a playbook with `/incident playbook`.' : ''}`;
    return message(text, [section(text)]);
  }
  const lines: Mrkdwn[] = [];
  let group = '';
  for (const t of tasks) {
    const g = `${t.incident.ref}\n${t.run.playbook.title}`;
    if (g !== group) lines.push(md`*${t.incident.ref}* · ${t.run.playbook.title}`);
    group = g;
    const owner = ownerText(t.incident, t.step);
    const due = t.step.dueAt ? md` · due ${slackDate(t.step.dueAt)}${t.step.dueAt < now ? ' :warning: overdue' : ''}` : '';
    lines.push(md`${t.mine ? ':point_right:' : '•'} ${t.step.number}. ${t.step.step.title}${owner.text ? md` · ${owner}` : ''}${due}`);
  }
  const mine = tasks.filter((t) => t.mine).length;
  const { sections, shown } = packLines(lines);
  const title = md`*Open steps for ${scope}: ${tasks.length}*${mine ? ` (${mine} yours, marked :point_right:)` : ''}`;
  return message(md`Open steps for ${scope}: ${tasks.length}`, [
    section(title),
    ...sections.map(section),
    ...(shown < lines.length ? [context(md`${lines.length - shown} more lines not shown; name an incident to narrow the list.`)] : []),
  ]);
}
