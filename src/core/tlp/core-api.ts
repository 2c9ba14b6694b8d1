// TLP markings as createCore offers them: setting an incident's marking, a note with its own marking (the card's
// form), and a report for a named audience (the Slack report and shared timeline, the CLI's --tlp).
import type { Actor, CoreDeps } from '../context.js';
import { reportFor, type ReportAudience } from '../reports/read.js';
import { addNote } from '../timeline/record.js';
import { setIncidentTlp } from './set.js';
import type { Tlp } from './tlp.js';

/** Binds TLP markings to core's dependencies. */
export function tlpApi(deps: CoreDeps) {
  return {
    /** Sets an incident's marking (its commander and responders); the reason goes on the timeline. */
    set: (actor: Actor, ref: string | undefined, marking: string, reason?: string) => setIncidentTlp(deps, actor, ref, marking, reason),
    /** A note marked `marking` (from a form's select), refused when looser than its incident's. */
    addNote: (actor: Actor, ref: string | undefined, text: string, marking: Tlp) => addNote(deps, actor, ref, text, { tlp: marking }),
    /** An incident's report holding only what `audience` may receive (a marking, the requester's, or its channel's), marked and saying what it withheld. */
    report: (actor: Actor, ref: string | undefined, opts: { verify?: boolean; audience: ReportAudience }) => reportFor(deps, actor, ref, opts),
  };
}
