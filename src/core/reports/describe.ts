// One line of plain text per timeline event, shared by every report format, the Slack timeline and the CLI.
// User ids are written as they are stored (U123…); adapters that can show names or mentions do so themselves.
import type { EventKind } from '../timeline/events.js';
import { progressWords } from '../playbooks/run.js';
import { plural } from '../plural.js';
import { defang, parseObservableType, TYPE_LABELS } from '../observables/observable.js';
import { ANSWER_WORDS, type AskAnswer } from '../asks/ask.js';

type P = Record<string, unknown>;
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const step = (p: P) => `step ${s(p.step)}. ${s(p.title)}`;
const withText = (lead: string, text: unknown) => (text ? `${lead}: ${s(text)}` : lead);

const EDITED: Record<string, string> = { title: 'Title', type: 'Type', private: 'Visibility', drill: 'Drill or real:' };

const DESCRIBE: Record<EventKind, (p: P) => string> = {
  incident_declared: (p) => `Declared: ${s(p.title)} (${s(p.severity)}, ${s(p.type)}${p.private ? ', private' : ''}${p.drill ? ', drill' : ''})`,
  status_changed: (p) => withText(`Status ${s(p.from)} → ${s(p.to)}${p.mergedInto ? ` (into ${s(p.mergedInto)})` : ''}`, p.note),
  severity_changed: (p) => `Severity ${s(p.from)} → ${s(p.to)}`,
  incident_edited: (p) => `${EDITED[s(p.field)] ?? s(p.field)} ${s(p.from)} → ${s(p.to)}`,
  role_assigned: (p) => `${s(p.role)}: ${p.from ? `${s(p.from)} → ` : ''}${s(p.to)}`,
  role_unassigned: (p) => `${s(p.role)}: ${s(p.from)} → nobody`,
  note_added: (p) => `${p.lesson ? 'Lesson' : 'Note'}${p.tlp ? ` (TLP:${s(p.tlp)})` : ''}: ${s(p.text)}`,
  message_pinned: (p) => `Message from ${s(p.author)}: ${s(p.text)}`,
  message_reported: (p) => `Reported message from ${s(p.author)}: ${s(p.text)}`,
  channel_created: (p) => `Channel #${s(p.name)} created${p.private ? ' (private)' : ''}`,
  members_invited: (p) => `Invited ${(Array.isArray(p.users) ? p.users : []).map(s).join(', ')}`,
  slack_call_failed: (p) => `Slack call failed while ${s(p.action)}: ${s(p.error)}`,
  page_failed: (p) => `Paging through PagerDuty failed (${s(p.action)}): ${s(p.error)}`,
  correction: (p) => `Correction${p.tlp ? ` (TLP:${s(p.tlp)})` : ''}: ${s(p.text)}`,
  playbook_started: (p) => `Playbook started: ${s(p.title)} (${s(p.steps)} steps)`,
  step_completed: (p) => withText(`Done: ${step(p)}`, p.note),
  step_skipped: (p) => withText(`Skipped: ${step(p)}`, p.reason),
  step_assigned: (p) => `Assigned ${step(p)} to ${s(p.to)}`,
  step_reopened: (p) => `Reopened ${step(p)} (was ${s(p.from)})`,
  playbook_completed: (p) => `Playbook completed: ${s(p.title)} (${progressWords({ done: Number(p.done), skipped: Number(p.skipped), total: Number(p.done) + Number(p.skipped) })})`,
  lesson_promoted: (p) => `Lesson promoted to awareness tip "${s(p.title)}"`,
  followup_added: (p) => `Follow-up ${p.reopened ? 'reopened' : 'added'}: ${s(p.text)}${p.owner ? ` (owner ${s(p.owner)}` : ' (no owner'}${p.due ? `, due ${s(p.due)})` : ')'}`,
  followup_done: (p) => `Follow-up done: ${s(p.text)}`,
  followup_reassigned: (p) => `Follow-up reassigned ${p.from ? s(p.from) : 'nobody'} → ${p.to ? s(p.to) : 'nobody'}: ${s(p.text)}`,
  followup_cancelled: (p) => `Follow-up cancelled (left out of review version ${s(p.version)}): ${s(p.text)}`,
  review_saved: (p) => `Post-incident review saved (version ${s(p.version)}, ${plural(Number(p.actionItems ?? 0), 'action item')})`,
  decoy_tripped: (p) =>
    p.via === 'slack'
      ? `Decoy ${s(p.decoy)} pasted in Slack by ${s(p.source)} in ${s(p.channel)}`
      : `Decoy ${s(p.decoy)} fetched from ${s(p.source)}${p.userAgent ? ` (${s(p.userAgent)})` : ''}`,
  alert_received: (p) => `Alert from ${s(p.source)}${p.joined ? ' (joined)' : ''}: ${s(p.title)} (${s(p.severity)}${p.dedupeKey ? `, key ${s(p.dedupeKey)}` : ''})${p.link ? ` ${defangLink(p.link)}` : ''}`,
  rule_applied: (p) => ruleWords(p),
  phishing_reported: (p) => {
    const from = (p.from as { address?: string } | undefined)?.address;
    const urls = Array.isArray(p.urls) ? p.urls.length : 0;
    const files = Array.isArray(p.attachments) ? p.attachments.length : 0;
    return `Phishing reported by ${p.reporter ? s(p.reporter) : 'an unknown reporter'}: "${s(p.subject)}" from ${from ? defang('email', from) : 'an unknown sender'} (${plural(urls, 'URL')}, ${plural(files, 'attachment')})`;
  },
  channel_kept_open: () => 'Channel kept open (not archived)',
  channel_archived: () => 'Channel archived',
  channel_unarchived: () => 'Channel unarchived',
  reminder_snoozed: (p) => `Update reminder snoozed until ${s(p.until)} (${p.choice === 'tomorrow' ? 'until tomorrow' : `for ${s(p.choice)}`})`,
  reminders_stopped: () => 'Update reminders stopped',
  ask_sent: (p) => `Asked ${s(p.userId)}: ${s(p.question)}`,
  ask_answered: (p) => `${s(p.userId)} answered ${ANSWER_WORDS[p.answer as AskAnswer] ?? s(p.answer)}: ${s(p.question)}`,
  ask_reminded: (p) => `Reminded ${s(p.userId)} of an unanswered question: ${s(p.question)}`,
  ask_escalated: (p) =>
    p.to
      ? `Reported to ${s(p.to)}: ${s(p.userId)} has not answered: ${s(p.question)}`
      : `${s(p.userId)} has not answered, with no commander or incident channel to report it to: ${s(p.question)}`,
  tlp_changed: (p) => withText(`Marking TLP:${s(p.from)} → TLP:${s(p.to)}`, p.reason),
  observable_added: (p) => `Observable added${p.origin === 'scan' ? ' (offered from a scan)' : p.origin === 'alert' ? ' (sent with an alert)' : ''}: ${observable(p)}`,
  observable_marked: (p) => `Observable marked ${s(p.from)} → ${s(p.to)}: ${observable(p)}`,
  clock_started: (p) => clockStarted(p),
  clock_notified: (p) => `${s(p.regimeName)}: ${s(p.label)} notified${p.late ? ' late' : ''} to ${s(p.to)} at ${s(p.notifiedAt)}${p.reference ? ` (ref ${s(p.reference)})` : ''}`,
  clock_stopped: (p) => withText(`${s(p.regimeName)} clock stopped`, p.reason),
  clock_deadline_missed: (p) => `${s(p.regimeName)}: ${s(p.label)} overdue (was due ${s(p.dueAt)})`,
  evidence_added: (p) =>
    `Evidence ${s(p.evidence)} logged${p.tlp ? ` (TLP:${s(p.tlp)})` : ''}: ${s(p.description)}; stored at ${s(p.location)}; collected by ${s(p.collectedBy)} (${s(p.zone)})${p.sha256 ? `; SHA-256 ${s(p.sha256)}` : ''}; held by ${s(p.holder)}`,
  evidence_transferred: (p) => `Evidence ${s(p.evidence)} custody ${s(p.from)} → ${s(p.to)}: ${s(p.reason)}`,
  evidence_checked: (p) =>
    p.matches
      ? `Evidence ${s(p.evidence)} hash re-checked (${p.via === 'file' ? 'computed from the file' : 'given'}): matches`
      : `HASH MISMATCH on evidence ${s(p.evidence)} (${p.via === 'file' ? 'computed from the file' : 'given'}): expected ${s(p.expected)}, got ${s(p.actual)}`,
  moved_out_of_band: (p) =>
    p.mode === 'switch'
      ? withText(`Team moved out of band (comms compromise): ${plural(Number(p.recipients), 'person', 'people')} told to switch to the plan they acknowledged, without it; ${switchWords(p)}`, p.reason)
      : withText(`Team moved out of band; plan sent by direct message to ${plural(Number(p.recipients), 'person', 'people')}`, p.reason),
};

// An alert's link is someone else's URL: shown defanged like a URL observable, so no client makes it a link.
function defangLink(link: unknown): string {
  return defang('url', s(link));
}

// Values are always shown defanged, so a timeline read in Slack or a browser never turns an indicator into a link.
function observable(p: P): string {
  const type = parseObservableType(s(p.type));
  return type ? `${TYPE_LABELS[type]} ${defang(type, s(p.value))}` : s(p.value);
}

function clockStarted(p: P): string {
  const deadlines = Array.isArray(p.deadlines) ? (p.deadlines as P[]).map((d) => `${s(d.label)} by ${s(d.dueAt)}`).join('; ') : '';
  const aware = `aware since ${s(p.awareAt)}${p.backdated ? ` (back-dated: ${s(p.reason)})` : ''}`;
  return withText(`${s(p.regimeName)} clock started, ${aware}; ${deadlines}`, p.why);
}

function switchWords(p: P): string {
  const acked = Array.isArray(p.acknowledged) ? (p.acknowledged as P[]) : [];
  const never = Array.isArray(p.unacknowledged) ? p.unacknowledged.map(s) : [];
  const had = acked.map((a) => `${s(a.userId)} (version ${s(a.version)}${a.version === p.planVersion ? ', current' : ''})`);
  return `acknowledged: ${had.length > 0 ? had.join(', ') : 'nobody'}; never acknowledged (told to call the commander): ${never.length > 0 ? never.join(', ') : 'nobody'}`;
}

function ruleWords(p: P): string {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(s) : []);
  const did = [
    ...(list(p.users).length > 0 ? [`invited ${list(p.users).join(', ')}`] : []),
    ...(list(p.usergroups).length > 0 ? [`invited user group ${list(p.usergroups).join(', ')}`] : []),
    ...(p.playbook ? [`started playbook ${s(p.playbook)}`] : []),
    ...(p.commander ? [`made ${s(p.commander)} commander`] : p.commanderFrom ? [`commander: first member of ${s(p.commanderFrom)}`] : []),
  ];
  return `Rule "${s(p.rule)}" applied${did.length > 0 ? `: ${did.join('; ')}` : ''}`;
}

/** What an event says, in one line. Unknown kinds (from a newer version) fall back to their payload. */
export function describeEvent(e: { kind: string; payload: P; correctsSeq?: number | null }): string {
  const describe = DESCRIBE[e.kind as EventKind] as ((p: P) => string) | undefined;
  const text = describe ? describe(e.payload) : `${e.kind}: ${JSON.stringify(e.payload)}`;
  const corrects = e.correctsSeq ? ` (corrects #${e.correctsSeq})` : '';
  // One line: reports put one event per row.
  return `${text}${corrects}`.replace(/\s*\n\s*/g, ' ');
}
