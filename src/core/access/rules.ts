// Who may do what, in one table. Slack and the CLI call the same core use cases, and each use case asks
// authorize() about its action, so the rules below are the only place access is decided. The CLI runs on the
// server as its operator and is trusted, as are scheduled jobs; everyone else is a Slack user.
import type { EventSource } from '../../db/schema.js';

/** The kinds of people a rule can name, from least to most trusted. */
export type Audience =
  /** Anyone in the workspace. */
  | 'anyone'
  /** Anyone who may see the incident: everyone for a public one; for a private one its participants (reporter, role holders, step assignees, follow-up owners), its channel's members, and responders. */
  | 'viewer'
  /** The incident's commander, or a responder. */
  | 'commander'
  /** RESPONDERS. */
  | 'responder'
  /** ADMINS (responders when ADMINS is empty). */
  | 'admin';

/** Every action a person can ask for, with who may do it. */
export const RULES = {
  'incident.declare': 'anyone',
  'incident.report-message': 'anyone',
  'incident.list': 'anyone',
  // Everyone has a Home tab; what it lists is filtered per incident by the viewer rule (src/core/home/read.ts).
  'home.view': 'anyone',
  'incident.show': 'viewer',
  'incident.timeline': 'viewer',
  'incident.report': 'viewer',
  'incident.verify': 'viewer',
  'incident.note': 'viewer',
  'incident.correct': 'viewer',
  'incident.review': 'viewer',
  'incident.lessons': 'viewer',
  'playbook.step': 'viewer',
  'playbook.tasks': 'viewer',
  // Follow-ups are shared work like the review they come from: whoever may see the incident may close or hand one on.
  'followup.update': 'viewer',
  // Observables are evidence of what happened, like a note: whoever may see the incident may record, mark and export them.
  'observable.record': 'viewer',
  'observable.export': 'viewer',
  'incident.close': 'commander',
  'incident.oob': 'commander',
  // The commander runs their own incident even when not in RESPONDERS.
  'incident.edit': 'commander',
  'incident.status': 'commander',
  'incident.severity': 'commander',
  'incident.assign': 'commander',
  'incident.unassign': 'commander',
  'incident.publish': 'responder',
  'playbook.start': 'commander',
  // Like a status change: the commander decides the channel of a closed incident stays.
  'incident.keep-open': 'commander',
  // Snoozing or stopping update reminders: whoever they are for (the commander), and responders.
  'incident.remind': 'commander',
  // Starting, recording and stopping a notification clock: a legal decision the commander and responders take.
  'clock.manage': 'commander',
  // The marking decides who may receive the incident's reports and shares: those who run it decide it, like visibility.
  'incident.tlp': 'commander',
  'incident.stats': 'responder',
  'awareness.manage': 'admin',
  'decoy.manage': 'admin',
  // Like decoys: a source's token opens incidents from outside, so the people who run the decoys hand them out.
  'alert-source.manage': 'admin',
  // Outgoing webhooks send incident events out of Slack: the people who run the deployment decide where.
  'webhook.manage': 'admin',
  // Like the awareness programme: a scheduled post to a shared channel, run by the same people.
  'digest.manage': 'admin',
  // "Was this you?" reaches a person's direct messages in the bot's name, maybe an outsider's: like assigning a role,
  // the people running the response decide who is asked.
  'incident.ask': 'commander',
  // Anyone may click; core then accepts only the person asked (src/core/asks/answer.ts), who may be an outsider.
  'ask.answer': 'anyone',
  // Anyone may search; each hit is then shown only to people who may see its incident (src/core/search/read.ts).
  'incident.search': 'anyone',
  // Evidence is the incident's shared record: whoever may see the incident may log an item, read the log and check a
  // hash again (a check only adds a record). An item's holder hands it on; moving one someone else holds takes the
  // commander or a responder, who answer for the chain of custody.
  'evidence.add': 'viewer',
  'evidence.list': 'viewer',
  'evidence.check': 'viewer',
  'evidence.transfer': 'viewer',
  'evidence.transfer-any': 'commander',
} as const satisfies Record<string, Audience>;

/** An action named in RULES. */
export type Action = keyof typeof RULES;

/** What each action is, for refusal messages ("Only responders can change an incident's status."). */
export const ACTION_WORDS: Record<Action, string> = {
  'incident.declare': 'declare incidents',
  'incident.report-message': 'report messages',
  'incident.list': 'list incidents',
  'home.view': 'see the Home tab',
  'incident.show': 'see this incident',
  'incident.timeline': 'see this incident’s timeline',
  'incident.report': 'get this incident’s report',
  'incident.verify': 'verify this incident’s timeline',
  'incident.note': 'add to this incident’s timeline',
  'incident.correct': 'correct this incident’s timeline',
  'incident.review': 'read or write this incident’s review',
  'incident.lessons': 'read this incident’s lessons',
  'playbook.step': 'work on this incident’s playbook',
  'playbook.tasks': 'see this incident’s tasks',
  'followup.update': 'mark this incident’s follow-ups done or reassign them',
  'observable.record': 'record or mark this incident’s observables',
  'observable.export': 'export this incident’s observables',
  'incident.close': 'close this incident',
  'incident.oob': 'move this incident’s team out of band',
  'incident.edit': 'correct this incident’s title, type, visibility or drill marking',
  'incident.status': 'change an incident’s status',
  'incident.severity': 'change an incident’s severity',
  'incident.assign': 'assign incident roles',
  'incident.publish': 'make a private incident public',
  'incident.unassign': 'unassign incident roles',
  'playbook.start': 'start playbooks',
  'incident.keep-open': 'keep an incident’s channel from being archived',
  'incident.remind': 'snooze or stop this incident’s update reminders',
  'clock.manage': 'start, record or stop this incident’s notification clocks',
  'incident.tlp': 'change this incident’s TLP marking',
  'incident.stats': 'see incident figures',
  'awareness.manage': 'run the awareness programme (`/awareness tip` is open to everyone)',
  'decoy.manage': 'manage decoys',
  'alert-source.manage': 'create, list or revoke alert sources',
  'webhook.manage': 'manage outgoing webhooks',
  'digest.manage': 'preview or post the weekly incident digest',
  'incident.ask': 'ask people “was this you?” about this incident',
  'ask.answer': 'answer this question',
  'incident.search': 'search incidents',
  'evidence.add': 'log evidence on this incident',
  'evidence.list': 'see this incident’s evidence log',
  'evidence.check': 'check this incident’s evidence',
  'evidence.transfer': 'transfer this incident’s evidence',
  'evidence.transfer-any': 'transfer evidence someone else holds',
};

/** Who to ask, per audience, when refused. */
export const WHO: Record<Exclude<Audience, 'anyone'>, string> = {
  viewer: 'the people working on it and responders',
  commander: 'its commander and responders',
  responder: 'responders',
  admin: 'admins',
};

/** A refused request, as logged (CoreDeps.onRefusal). Kept here, not in authorize.ts, so context.ts needs no import of it. */
export interface Refusal {
  action: Action;
  actor: string;
  source: EventSource;
  ref?: string;
  audience: Audience;
}
