// The report as one self-contained HTML file: inline CSS and SVG, no script, no external resource, so it can be
// mailed, archived with the case or printed to PDF. Every piece of user text goes through escapeHtml.
import type { ReportHeader, ReportSource } from '../report.js';
import { lessonLines } from '../../reviews/review.js';
import { inChunks } from './chunks.js';
import { plural } from '../../plural.js';
import { escapeHtml as esc } from './html-escape.js';
import { REPORT_CSS } from './html-style.js';
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
import { timelineSvg } from './svg-timeline.js';
import { MarkCollector } from './timeline-marks.js';

// Defence in depth should a bug ever let markup through: the page may load nothing and run nothing.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A table; cells are plain text, escaped here. */
function htmlTable(t: TextTable, className = ''): string {
  const head = t.head.map((c) => `<th>${esc(c)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>\n`;
}

/** Everything before the timeline. */
function opening(h: ReportHeader): string {
  const i = h.incident;
  const title = `${i.drill ? 'DRILL · ' : ''}${i.ref}: ${i.title}`;
  return [
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)} — incident report</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n<main>`,
    // The marking comes first, as FIRST asks (and prints on the first page).
    h.tlp ? `<p class="tlp">${markingLines(h.tlp).map((l, n) => (n === 0 ? `<strong>${esc(l)}</strong>` : esc(l))).join('<br>')}</p>` : '',
    // A drill's report says so at the top, without adding a line to any other report.
    `<h1>${esc(title)}</h1>${i.drill ? '\n<p class="meta"><strong>DRILL</strong>: an exercise, not a real incident; it is left out of metrics and digests.</p>' : ''}`,
    `<p class="meta">Report generated ${esc(humanTime(h.generatedAt, h.timezone))} · times in ${esc(h.timezone)}</p>`,
    i.description.trim() ? `<p class="description">${esc(i.description.trim())}</p>` : '',
    `<section id="summary"><h2>Summary</h2>\n${htmlTable(summaryTable(h), 'facts')}</section>`,
    `<section id="people"><h2>People and roles</h2>\n${htmlTable(peopleTable(h), 'people')}</section>`,
    `<section id="key-times"><h2>Key times</h2>\n${htmlTable(keyTimesTable(h), 'key-times')}</section>`,
    `<section id="phases"><h2>Phases</h2>\n${htmlTable(phasesTable(h), 'phases')}</section>`,
    '',
  ].join('\n');
}

/** The playbooks, the review and the awareness tips, then the end of the document. */
function closing(h: ReportHeader): string {
  const zone = h.timezone;
  const out: string[] = ['<section id="playbooks"><h2>Playbooks</h2>'];
  if (h.playbooks.length === 0) out.push('<p>No playbook was run.</p>');
  for (const run of h.playbooks) {
    const { progress, steps } = playbookLines(run, zone, h.names);
    out.push(`<h3>${esc(run.title)}</h3>`, `<p class="byline">${esc(progress)}</p>`);
    let section: string | null = null;
    for (const s of steps) {
      if (s.section !== section) out.push(`${section === null ? '' : '</ul>'}<h4>${esc(s.section)}</h4><ul class="steps">`);
      section = s.section;
      const state = s.mark === 'x' ? 'done' : s.mark === '-' ? 'skipped' : 'open';
      const detail = s.detail ? ` <span class="detail">— ${esc(s.detail)}</span>` : '';
      out.push(`<li class="step-${state}"><span class="box">[${s.mark === ' ' ? '&nbsp;' : s.mark}]</span> <span class="title">${esc(s.text)}</span>${detail}</li>`);
    }
    if (section !== null) out.push('</ul>');
  }
  out.push('</section>', '<section id="review"><h2>Post-incident review</h2>');
  const r = h.review;
  if (!r) out.push('<p>No review yet.</p>');
  else {
    out.push(`<p class="byline">${esc(reviewByline(r, h.reviewVersions, zone, h.names))}</p>`);
    for (const [heading, text] of reviewSections(r)) out.push(`<h3>${esc(heading)}</h3><p class="text">${esc(text.trim()) || '<em>(empty)</em>'}</p>`);
    const lessons = lessonLines(r.lessons);
    out.push('<h3>Lessons</h3>', lessons.length ? `<ul>${lessons.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '<p><em>(none)</em></p>');
    const items = actionItemsTable(r, h.names);
    out.push('<h3>Action items</h3>', items.rows.length ? htmlTable(items, 'action-items') : '<p><em>(none)</em></p>');
  }
  out.push('</section>');
  if (h.followups) {
    const table = followupsTable(h.followups, h.names);
    out.push('<section id="followups"><h2>Follow-ups</h2>', `<p class="byline">${table.open} open of ${table.rows.length}</p>`, htmlTable(table, 'followups'), '</section>');
  }
  if (h.observables) {
    const table = observablesTable(h.observables, h.names);
    out.push('<section id="observables"><h2>Observables</h2>', `<p class="byline">${table.malicious} malicious of ${table.rows.length}; values are defanged</p>`, htmlTable(table, 'observables'), '</section>');
  }
  if (h.clocks) {
    out.push('<section id="notification-clocks"><h2>Notification clocks</h2>');
    for (const c of h.clocks) {
      const table = clockTable(c, h.timezone);
      out.push(`<h3>${esc(c.regimeName)}</h3>`, `<p class="byline">${esc(table.byline)}</p>`, htmlTable(table, 'clock-deadlines'));
    }
    out.push('</section>');
  }
  if (h.asks) {
    const table = asksTable(h.asks, h.timezone, h.names);
    out.push('<section id="asks"><h2>Questions asked (“was this you?”)</h2>', `<p class="byline">${table.answered} answered of ${table.rows.length}</p>`, htmlTable(table, 'asks'), '</section>');
  }
  if (h.evidence) {
    out.push('<section id="evidence"><h2>Evidence log</h2>', htmlTable(evidenceTable(h.evidence, h.names), 'evidence'));
    for (const e of h.evidence) {
      const lines = custodyLines(e, zone, h.names).map((l) => `<li${l.mismatch ? ' class="mismatch"' : ''}>${esc(l.text)}</li>`);
      out.push(`<h3>${esc(e.ref)} chain of custody</h3><ul class="custody">${lines.join('')}</ul>`);
    }
    out.push('</section>');
  }
  if (h.awareness.tips.length > 0) {
    out.push('<section id="awareness"><h2>Awareness</h2><ul>');
    for (const tip of h.awareness.tips) {
      const { byline, posts } = tipLines(tip, zone, h.names);
      const postList = posts.length ? `<ul>${posts.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '';
      out.push(`<li><strong>${esc(tip.title)}</strong> — ${esc(byline)}${postList}</li>`);
    }
    out.push('</ul></section>');
  }
  out.push('</main>\n</body>\n</html>\n');
  return out.join('\n');
}

async function* pieces(source: ReportSource): AsyncGenerator<string> {
  const h = source.header;
  yield opening(h);
  // The chart sits above the timeline table it summarises, so it must be drawn before the rows stream out. Rather
  // than hold the events, read them twice (events() re-reads on each call): the first pass keeps only a bounded set
  // of marks (at most MAX_MARKS, else a fixed array of per-pixel counts), the second streams the table rows. Memory
  // stays flat at the cost of a second read of the events.
  const marks = new MarkCollector(h);
  for await (const e of source.events()) marks.add(e);
  yield `<section id="timeline"><h2>Timeline</h2>\n<p class="meta">${plural(h.eventCount, 'event')}, in the order they happened.</p>\n`;
  if (h.verification) yield `<p class="meta verification">${esc(verificationLine(h.verification))}</p>\n`;
  yield `${timelineSvg(h, marks.marks())}\n`;
  yield '<table class="timeline"><thead><tr><th class="num">#</th><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>\n';
  for await (const e of source.events()) {
    const row = timelineRow(e, h.timezone, h.names);
    const backdated = row.backdated ? ` <span class="backdated">${esc(row.backdated)}</span>` : '';
    yield `<tr><td class="num">${esc(row.seq)}</td><td class="when">${esc(row.when)}</td><td class="mono">${esc(row.who)}</td><td><code class="kind">${esc(row.kind)}</code> ${esc(row.what)}${backdated}</td></tr>\n`;
  }
  yield '</tbody></table>\n</section>\n';
  yield closing(h);
}

/** The report as a self-contained HTML document, streamed; events are read twice (chart, then table). */
export function renderHtml(source: ReportSource): AsyncIterable<string> {
  return inChunks(pieces(source));
}
