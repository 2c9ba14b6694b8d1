// The HTML report and its SVG chart: self-contained, escaped, printable, and bounded for large reports.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../../src/core/reports/formats/html.js';
import { timelineSvg } from '../../../../src/core/reports/formats/svg-timeline.js';
import { COLUMNS, MarkCollector, MAX_MARKS } from '../../../../src/core/reports/formats/timeline-marks.js';
import { MIN_PHASE } from '../../../../src/core/reports/formats/svg-scale.js';
import { aReportSource, anEvent, collect, fixtureEvents, fixtureHeader, manyEvents } from '../../../support/report-fixture.js';

const render = async (source = aReportSource()) => collect(renderHtml(source));
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('HTML report', () => {
  it('is one self-contained document: no script, no external resource', async () => {
    const html = await render();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
  });

  it('escapes user text: the script in a note comes out as text', async () => {
    const html = await render();
    expect(html).toContain('Proxy logs: &quot;invoice.pdf&quot;, 2 users | &lt;script&gt;alert(1)&lt;/script&gt;');
    const titled = await render(aReportSource({ incident: { title: '<img src=x onerror=alert(1)> & co' } }));
    expect(titled).toContain('<h1>INC-7: &lt;img src=x onerror=alert(1)&gt; &amp; co</h1>');
    expect(titled).toContain('<title>INC-7: &lt;img src=x onerror=alert(1)&gt; &amp; co — incident report</title>');
    expect(titled).not.toContain('<img');
  });

  it('has the same sections as the Markdown report', async () => {
    const headings = [...(await render()).matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Summary', 'People and roles', 'Key times', 'Phases', 'Timeline', 'Playbooks', 'Post-incident review', 'Awareness']);
  });

  it('prints readably: print rules, light backgrounds, rows kept whole', async () => {
    const html = await render();
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toMatch(/body \{ background: #ffffff/);
    expect(print).toContain('page-break-inside: avoid');
    expect(html).not.toMatch(/background:\s*#(?:0|1|2|3)[0-9a-f]{5}/i);
  });

  it('shows key times, phases and one table row per event', async () => {
    const html = await render();
    expect(html).toContain('<tr><td>Acknowledged</td><td>2026-11-24 10:15:00 +01:00</td><td>15m 00s</td></tr>');
    expect(html).toContain('<td>closed (now)</td>');
    expect(count(html, '<td class="num">#')).toBe(17);
    expect(html).toContain('<span class="backdated">back-dated, recorded 2026-11-24 10:05:00 +01:00</span>');
    expect(html).toContain('<li class="step-skipped"><span class="box">[-]</span> <span class="title">2. Find who else got it</span>');
  });

  it('reads right without CSS or an emoji font: no emoji, a space after each checkbox, corrections called corrections', async () => {
    const html = await render();
    // Pictographs print as empty boxes where no emoji font is installed (servers, PDF printers).
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u);
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain('[x] 1. Get the headers');
    expect(text).not.toMatch(/\[[x -]\]\d/);
    expect(html).toContain('<span class="backdated">correction, recorded 2026-11-24 11:00:00 +01:00</span>');
    expect(text).toContain('2 of 4 done, 1 skipped');
  });

  it('draws the chart with one band per phase and one mark per event', async () => {
    const html = await render();
    expect(html).toContain('<svg class="timeline-chart"');
    // Seven phases, and a band for the note back-dated to before the declaration.
    expect(count(html, '<g class="band ')).toBe(8);
    expect(count(html, '<g class="band band-before"')).toBe(1);
    expect(count(html, '<circle class="mark"')).toBe(17);
    expect(html).toContain('<title>#7 2026-11-24 10:45:00 +01:00 note_added: Note: Proxy logs: &quot;invoice.pdf&quot;, 2 users | &lt;script&gt;');
  });
});

describe('timeline chart', () => {
  const collectMarks = (events: Iterable<ReturnType<typeof anEvent>>, header = fixtureHeader([])) => {
    const marks = new MarkCollector(header);
    for (const e of events) marks.add(e);
    return marks.marks();
  };

  it(`draws up to ${MAX_MARKS} events one by one`, () => {
    const marks = collectMarks(manyEvents(MAX_MARKS));
    expect(marks.kind).toBe('events');
    expect(count(timelineSvg(fixtureHeader([]), marks), '<circle class="mark"')).toBe(MAX_MARKS);
  });

  it('counts more events per pixel column, keeping every event and the SVG small', () => {
    const marks = collectMarks(manyEvents(50_000));
    expect(marks.kind).toBe('columns');
    if (marks.kind !== 'columns') return;
    expect(marks.counts).toHaveLength(COLUMNS);
    expect(marks.counts.reduce((a, b) => a + b, 0)).toBe(50_000);
    const svg = timelineSvg(fixtureHeader([]), marks);
    expect(svg).not.toContain('<circle');
    expect(count(svg, '<rect class="bucket"')).toBeLessThanOrEqual(COLUMNS);
    expect(svg.length).toBeLessThan(250_000);
  });

  it('halves its resolution rather than growing when events run past the expected end', () => {
    // The fixture header with no events is an ongoing triage ending at generatedAt (2026-11-27 12:00 UTC).
    const late = [...manyEvents(MAX_MARKS + 1), anEvent({ seq: 9_999, kind: 'note_added', occurredAt: new Date('2027-06-01T00:00:00Z') })];
    const marks = collectMarks(late);
    if (marks.kind !== 'columns') throw new Error('expected columns');
    expect(marks.counts).toHaveLength(COLUMNS);
    expect(marks.counts.reduce((a, b) => a + b, 0)).toBe(MAX_MARKS + 2);
    expect(marks.start + marks.width * COLUMNS).toBeGreaterThan(Date.parse('2027-06-01T00:00:00Z'));
  });

  it('starts the axis at a back-dated event before the declaration', () => {
    const svg = timelineSvg(fixtureHeader(), collectMarks([anEvent({ seq: 1, kind: 'note_added', occurredAt: new Date('2026-11-24T08:00:00Z') })], fixtureHeader()));
    expect(svg).toContain('phases and events from 2026-11-24 09:00:00 +01:00');
  });

  it('keeps every phase visible and labelled when a note from the day before stretches the times', () => {
    const dayBefore = anEvent({ seq: 99, kind: 'note_added', occurredAt: new Date('2026-11-23T07:00:00Z'), recordedAt: new Date('2026-11-24T09:10:00Z') });
    const events = [dayBefore, ...fixtureEvents()];
    const svg = timelineSvg(fixtureHeader(events), collectMarks(events, fixtureHeader(events)));
    const bands = [...svg.matchAll(/<g class="band band-(\w+)"><rect x="([\d.]+)" y="\d+" width="([\d.]+)"[^>]*\/><title>([^<]*)<\/title><text[^>]*>([^<]+)<\/text><\/g>/g)].map((m) => ({
      status: m[1]!, x: Number(m[2]), width: Number(m[3]), title: m[4]!, label: m[5]!,
    }));
    // The day before gets its own band at the left; the seven phases follow it, each wide enough to see and label.
    expect(bands.map((b) => b.status)).toEqual(['before', 'triage', 'investigating', 'contained', 'resolved', 'investigating', 'resolved', 'closed']);
    const phases = bands.slice(1);
    for (const b of phases) expect(b.width, b.status).toBeGreaterThanOrEqual(MIN_PHASE);
    expect(phases.map((b) => b.label)).toEqual(['1', '2', '3', 'resolved', '5', 'resolved', '7']);
    expect(phases[2]!.title).toBe('3. contained: 2026-11-24 12:30:00 +01:00 – 2026-11-24 14:00:00 +01:00 (1h 30m)');
    // The phases use the width: they are not squeezed to the right edge by the day before.
    expect(phases[0]!.x).toBeLessThan(200);
    expect(bands[0]!.label).toBe('before declaration');
    expect(svg).toContain('<title>before the declaration: 2026-11-23 08:00:00 +01:00 – 2026-11-24 10:00:00 +01:00');
    // The back-dated note is drawn inside the before band.
    const cx = Number(/<circle class="mark" cx="([\d.]+)"[^>]*><title>#99 /.exec(svg)?.[1]);
    expect(cx).toBeGreaterThanOrEqual(bands[0]!.x);
    expect(cx).toBeLessThanOrEqual(bands[0]!.x + bands[0]!.width);
  });

  it('explains its marks: each has a hover title, the legend names events and back-dated events', () => {
    const svg = timelineSvg(fixtureHeader(), collectMarks(fixtureEvents(), fixtureHeader()));
    expect(count(svg, '<circle class="mark"')).toBe(17);
    for (const m of svg.matchAll(/<circle class="mark"[^>]*>(.*?)<\/circle>/g)) expect(m[1]).toMatch(/^<title>#\d+ /);
    expect(svg).toMatch(/>event<\/text>/);
    expect(svg).toMatch(/>back-dated event<\/text>/);
    expect(svg).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});
