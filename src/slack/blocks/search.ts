// `/incident search` results: one line per hit (reference, where it matched, when, and an excerpt), all escaped.
import type { HitKind, SearchHit, SearchResult } from '../../core/index.js';
import { message, type SlackMessage } from './message.js';
import { withRotateWarning } from './redaction.js';
import { context, md, packLines, quote, section, slackDate, type Mrkdwn } from './text.js';

const WHERE: Record<HitKind, string> = { incident: 'title or description', note: 'note', lesson: 'lesson', exact: 'exact match' };

/** One hit as a line: `*INC-3* · note #4 · <date> · Lost laptop on a train` and the excerpt below it. */
export function hitLine(h: SearchHit): Mrkdwn {
  const where = h.seq !== undefined ? md`${WHERE[h.kind]} #${String(h.seq)}` : md`${WHERE[h.kind]}`;
  return md`*${h.ref}* · ${where} · ${slackDate(h.at)} · ${h.title}\n${quote(md`${h.excerpt}`)}`;
}

/** The ephemeral list of hits, newest first (with the rotate warning when the search text held a secret). */
export function searchMessage(r: SearchResult): SlackMessage {
  if (r.hits.length === 0) {
    const none = withRotateWarning(md`:mag: Nothing found for “${r.text}” in the incidents you may see.`, r.redacted);
    return message(none, [section(none)]);
  }
  const lead = withRotateWarning(md`:mag: ${String(r.hits.length)}${r.more ? '+' : ''} found for “${r.text}”, newest first`, r.redacted);
  const { sections, shown } = packLines(r.hits.map(hitLine), 40);
  const more = r.more || shown < r.hits.length ? [context(md`More matched than fit here: add words to narrow the search, or use \`rampart search\`.`)] : [];
  return message(lead, [section(lead), ...sections.map(section), ...more]);
}
