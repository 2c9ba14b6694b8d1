// The Observables section of every report format: Markdown and HTML show a table with every value defanged (nothing a
// viewer could make a link of), JSON carries both forms as data, and observable events are rows in CSV and
// Timesketch with defanged summaries. Without observables no format shows the section.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../src/core/reports/formats/markdown.js';
import { renderHtml } from '../../../../src/core/reports/formats/html.js';
import { renderJson } from '../../../../src/core/reports/formats/json.js';
import { renderCsv } from '../../../../src/core/reports/formats/csv.js';
import { renderTimesketch } from '../../../../src/core/reports/formats/timesketch.js';
import { describeEvent } from '../../../../src/core/reports/describe.js';
import type { ReportObservable } from '../../../../src/core/reports/report.js';
import { anEvent, aReportSource, collect, fixtureEvents } from '../../../support/report-fixture.js';

const AT = new Date('2026-11-24T10:00:00Z');
const OBSERVABLES: ReportObservable[] = [
  { type: 'url', value: 'https://evil.example/login?a=1&b=<x>', defanged: 'hxxps://evil[.]example/login?a=1&b=<x>', verdict: 'malicious', origin: 'typed', addedBy: 'U0ALICE', addedAt: AT },
  { type: 'ipv4', value: '203.0.113.7', defanged: '203.0.113[.]7', verdict: 'unknown', origin: 'scan', addedBy: 'U0BOB', addedAt: AT },
];
const withObservables = () => aReportSource({ header: { observables: OBSERVABLES, names: { U0ALICE: 'Alice Martin' } } });
const LIVE = /https:\/\/evil|evil\.example|203\.0\.113\.7/;

describe('observables in reports', () => {
  it('Markdown: an Observables section, values defanged', async () => {
    const md = await collect(renderMarkdown(withObservables()));
    const section = md.slice(md.indexOf('\n## Observables\n'), md.indexOf('\n## ', md.indexOf('\n## Observables\n') + 5));
    expect(section.split('\n').filter(Boolean)).toEqual([
      '## Observables',
      '1 malicious of 2; values are defanged',
      '| Type | Value (defanged) | Verdict | Added by |',
      '|---|---|---|---|',
      '| URL | hxxps://evil[.]example/login?a=1&b=&lt;x> | malicious | Alice Martin (U0ALICE) |',
      '| IPv4 address | 203.0.113[.]7 | unknown | U0BOB (from a scan) |',
    ]);
    expect(section).not.toMatch(LIVE);
    expect(await collect(renderMarkdown(aReportSource()))).not.toContain('## Observables');
  });

  it('HTML: the same section, escaped and defanged', async () => {
    const html = await collect(renderHtml(withObservables()));
    const section = html.slice(html.indexOf('<section id="observables">'), html.indexOf('</section>', html.indexOf('<section id="observables">')));
    expect(section).toContain('<h2>Observables</h2>');
    expect(section).toContain('<td>hxxps://evil[.]example/login?a=1&amp;b=&lt;x&gt;</td>');
    expect(section).not.toMatch(LIVE);
    expect(await collect(renderHtml(aReportSource()))).not.toContain('id="observables"');
  });

  it('JSON: the observables as data, with the stored and the defanged value', async () => {
    const doc = JSON.parse(await collect(renderJson(withObservables()))) as { observables?: unknown[] };
    expect(doc.observables).toEqual(OBSERVABLES.map((o) => ({ ...o, addedAt: AT.toISOString() })));
    expect(JSON.parse(await collect(renderJson(aReportSource())))).not.toHaveProperty('observables');
  });

  it('CSV and Timesketch: observable events are rows, their messages defanged', async () => {
    const payload = { observableId: 1, type: 'url', value: 'https://evil.example/x', from: 'unknown', to: 'malicious' };
    const marked = anEvent({ seq: 99, kind: 'observable_marked', occurredAt: new Date('2026-11-27T09:00:00Z'), payload, summary: describeEvent({ kind: 'observable_marked', payload }) });
    const source = () => aReportSource({ events: [...fixtureEvents(), marked] });
    expect((await collect(renderCsv(source()))).trim().split('\n').at(-1)).toContain('Observable marked unknown → malicious: URL hxxps://evil[.]example/x');
    const last = JSON.parse((await collect(renderTimesketch(source()))).trim().split('\n').at(-1)!) as { message: string };
    expect(last.message).toContain('Observable marked unknown → malicious: URL hxxps://evil[.]example/x');
  });
});
