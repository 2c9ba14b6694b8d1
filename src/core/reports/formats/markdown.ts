// The report as Markdown (GitHub-flavoured tables), for wikis, tickets and post-mortem documents.
import type { ReportHeader, ReportSource } from '../report.js';
import { lessonLines } from '../../reviews/review.js';
import { inChunks } from './chunks.js';
import { plural } from '../../plural.js';
import { verificationLine } from '../../timeline/chain.js';
import { markingLines } from './marking-lines.js';
import {
  actionItemsTable,
  humanTime,
  keyTimesTable,
  peopleTable,
  phasesTable,
  playbookLines,
  reviewByline,
  reviewSections,
  followupsTable,
  clockTable,
  asksTable,
  evidenceTable,
  custodyLines,
  summaryTable,
  timelineRow,
  tipLines,
  type TextTable,
} from './human.js';
import { observablesTable } from './observables.js';

// Titles, notes and reviews are user input. Wikis that render Markdown often pass raw HTML through, so `<` is
// written as an entity everywhere (it still reads as `<` once rendered); `&` is left alone so text stays legible.
const inline = (s: string): string => s.replace(/</g, '&lt;');

/** Text made safe for one table cell: pipes escaped, line breaks as `<br>` so the row stays on one line. */
export function mdCell(s: string): string {
  return inline(s).replace(/\|/g, '\\|').replace(/\r?\n|\r/g, '<br>');
}

/** Free text as a Markdown paragraph: line breaks kept as hard breaks. */
function mdParagraph(s: string): string {
  const text = inline(s.trim());
  return text ? `${text.replace(/\r?\n/g, '  \n')}\n\n` : '_(empty)_\n\n';
}

/** One table row. */
function mdRow(cells: string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |\n`;
}

/** A whole table. */
export function mdTable(t: TextTable): string {
  return `${mdRow(t.head)}|${t.head.map(() => '---').join('|')}|\n${t.rows.map(mdRow).join('')}\n`;
}

/** Everything before the timeline. */
function opening(h: ReportHeader): string {
  const i = h.incident;
  const parts = [
    // The marking comes first, as FIRST asks: whoever opens the file knows before reading how far it may go.
    h.tlp ? `${markingLines(h.tlp).map((l, n) => (n === 0 ? `**${mdCell(l)}**` : `_${mdCell(l)}_`)).join('  \n')}\n\n` : '',
    `# ${mdCell(`${i.drill ? 'DRILL · ' : ''}${i.ref}: ${i.title}`)}\n\n`,
    i.drill ? `**DRILL**: an exercise, not a real incident; it is left out of metrics and digests.\n\n` : '',
    `Report generated ${humanTime(h.generatedAt, h.timezone)} · times in ${h.timezone}\n\n`,
    i.description.trim() ? mdParagraph(i.description) : '',
    `## Summary\n\n${mdTable(summaryTable(h))}`,
    `## People and roles\n\n${mdTable(peopleTable(h))}`,
    `## Key times\n\n${mdTable(keyTimesTable(h))}`,
    `## Phases\n\n${mdTable(phasesTable(h))}`,
    `## Timeline\n\n${plural(h.eventCount, 'event')}, in the order they happened.\n\n`,
    h.verification ? `${verificationLine(h.verification)}\n\n` : '',
    mdRow(['#', 'When', 'Who', 'What']),
    '|---|---|---|---|\n',
  ];
  return parts.join('');
}

/** The playbooks, the review and the awareness tips. */
function closing(h: ReportHeader): string {
  const zone = h.timezone;
  const out: string[] = ['\n## Playbooks\n\n'];
  if (h.playbooks.length === 0) out.push('No playbook was run.\n\n');
  for (const run of h.playbooks) {
    const { progress, steps } = playbookLines(run, zone, h.names);
    out.push(`### ${mdCell(run.title)}\n\n${mdCell(progress)}\n\n`);
    let section: string | null = null;
    for (const s of steps) {
      if (s.section !== section) out.push(`${section === null ? '' : '\n'}**${mdCell(s.section)}**\n\n`);
      section = s.section;
      out.push(`- [${s.mark}] ${mdCell(s.text)}${s.detail ? ` — ${mdCell(s.detail)}` : ''}\n`);
    }
    out.push('\n');
  }
  out.push('## Post-incident review\n\n');
  const r = h.review;
  if (!r) out.push('No review yet.\n\n');
  else {
    out.push(`_${mdCell(reviewByline(r, h.reviewVersions, zone, h.names))}_\n\n`);
    for (const [heading, text] of reviewSections(r)) out.push(`### ${heading}\n\n${mdParagraph(text)}`);
    const lessons = lessonLines(r.lessons);
    out.push('### Lessons\n\n', lessons.length ? `${lessons.map((l) => `- ${mdCell(l)}\n`).join('')}\n` : '_(none)_\n\n');
    const items = actionItemsTable(r, h.names);
    out.push('### Action items\n\n', items.rows.length ? mdTable(items) : '_(none)_\n\n');
  }
  if (h.followups) {
    const table = followupsTable(h.followups, h.names);
    out.push('## Follow-ups\n\n', `${table.open} open of ${table.rows.length}\n\n`, mdTable(table));
  }
  if (h.observables) {
    const table = observablesTable(h.observables, h.names);
    out.push('## Observables\n\n', `${table.malicious} malicious of ${table.rows.length}; values are defanged\n\n`, mdTable(table));
  }
  if (h.clocks) {
    out.push('## Notification clocks\n\n');
    for (const c of h.clocks) {
      const table = clockTable(c, h.timezone);
      out.push(`### ${mdCell(c.regimeName)}\n\n`, `_${mdCell(table.byline)}_\n\n`, mdTable(table));
    }
  }
  if (h.asks) {
    const table = asksTable(h.asks, h.timezone, h.names);
    out.push('## Questions asked (“was this you?”)\n\n', `${table.answered} answered of ${table.rows.length}\n\n`, mdTable(table));
  }
  if (h.evidence) {
    out.push('## Evidence log\n\n', mdTable(evidenceTable(h.evidence, h.names)));
    for (const e of h.evidence) out.push(`### ${e.ref} chain of custody\n\n`, ...custodyLines(e, zone, h.names).map((l) => (l.mismatch ? `- **${mdCell(l.text)}**\n` : `- ${mdCell(l.text)}\n`)), '\n');
  }
  if (h.awareness.tips.length > 0) {
    out.push('## Awareness\n\n');
    for (const tip of h.awareness.tips) {
      const { byline, posts } = tipLines(tip, zone, h.names);
      out.push(`- **${mdCell(tip.title)}** — ${mdCell(byline)}\n`, ...posts.map((p) => `  - ${mdCell(p)}\n`));
    }
    out.push('\n');
  }
  return out.join('');
}

async function* pieces(source: ReportSource): AsyncGenerator<string> {
  const h = source.header;
  yield opening(h);
  for await (const e of source.events()) {
    const row = timelineRow(e, h.timezone, h.names);
    const mark = row.backdated ? ` _(${row.backdated})_` : '';
    yield `| ${mdCell(row.seq)} | ${mdCell(row.when)} | ${mdCell(row.who)} | \`${row.kind}\` ${mdCell(row.what)}${mdCell(mark)} |\n`;
  }
  yield closing(h);
}

/** The report as Markdown, streamed: one timeline row per event, events read once. */
export function renderMarkdown(source: ReportSource): AsyncIterable<string> {
  return inChunks(pieces(source));
}
