// `rampart report|export|stats` over real files under a temporary DATA_DIR (a copy of the run's migrated one), run in
// this process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';
import { checkTimesketchCsv, checkTimesketchJsonl } from '../support/timesketch.js';

const { dir, rampart } = seededCliDataDir('reports', { incidentTypes: ['phishing', 'other'] }, async (core, clock) => {
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Phishing wave, "urgent"', type: 'phishing', severity: 'sev2' });
  clock.advance(20 * 60_000);
  await core.changeStatus(actor, 'INC-1', 'investigating');
  await core.addNote(actor, 'INC-1', '=HYPERLINK("http://evil") pasted by someone');
  clock.advance(40 * 60_000);
  await core.changeStatus(actor, 'INC-1', 'resolved');
  clock.set('2026-11-20T08:00:00Z');
  await core.declare(actor, { title: 'Lost laptop', severity: 'sev3' });
});
const file = (name: string) => path.join(dir, name);

describe('rampart report', () => {
  it('prints the Markdown report with times in TIMEZONE and exact durations', async () => {
    const r = await rampart('report', 'INC-1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# INC-1: Phishing wave, "urgent"');
    expect(r.stdout).toContain('2026-11-02 11:00:00 +01:00');
    expect(r.stdout).toMatch(/\| Acknowledged \| 2026-11-02 11:20:00 \+01:00 \| 20m 00s \|/);
    expect(r.stdout).toMatch(/\| Resolved \| 2026-11-02 12:00:00 \+01:00 \| 1h 00m \|/);
  });

  it('writes a file only once it is complete, and refuses unknown formats', async () => {
    const r = await rampart('report', 'INC-1', '--format', 'html', '--out', file('inc-1.html'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote INC-1');
    expect(readFileSync(file('inc-1.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    const bad = await rampart('report', 'INC-1', '--format', 'pdf', '--out', file('inc-1.pdf'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"pdf" is not a report format');
    expect(existsSync(file('inc-1.pdf'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('rampart export', () => {
  it('exports every incident as one JSON document', async () => {
    const r = await rampart('export', '--out', file('all.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exported 2 incidents (5 events)');
    const doc = JSON.parse(readFileSync(file('all.json'), 'utf8'));
    expect(doc).toMatchObject({ schema: 'rampart.export', version: 1, since: null });
    expect(doc.incidents.map((i: { incident: { ref: string } }) => i.incident.ref)).toEqual(['INC-1', 'INC-2']);
    expect(doc.incidents[0].events).toHaveLength(4);
    expect(doc.incidents[0].durations).toMatchObject({ toAcknowledge: 20 * 60_000, toResolve: 60 * 60_000 });
  });

  it('--since keeps later incidents; Timesketch JSONL and CSV pass the import rules', async () => {
    expect((await rampart('export', '--since', '2026-11-10', '--format', 'timesketch', '--out', file('ts.jsonl'))).code).toBe(0);
    const jsonl = checkTimesketchJsonl(readFileSync(file('ts.jsonl'), 'utf8'));
    expect(jsonl.errors).toEqual([]);
    // The export's marking first, then each incident's own (which names what it withheld), then the events.
    expect(jsonl.rows.map((row) => [row.kind, row.incident])).toEqual([['tlp_marking', ''], ['tlp_marking', 'INC-2'], ['incident_declared', 'INC-2']]);
    expect(jsonl.rows[0]!.message).toBe('TLP:RED: For the eyes and ears of individual recipients only, no further disclosure.');
    expect((await rampart('export', '--format', 'timesketch-csv', '--out', file('ts.csv'))).code).toBe(0);
    const csv = checkTimesketchCsv(readFileSync(file('ts.csv'), 'utf8'));
    expect(csv.errors).toEqual([]);
    expect(csv.dropped).toEqual([]);
    expect(csv.rows.filter((row) => row.kind !== 'tlp_marking')).toHaveLength(5);
    expect(csv.rows[0]!.kind).toBe('tlp_marking');
    // A note that looks like a spreadsheet formula is defused.
    expect(csv.rows.some((row) => String(row.message).startsWith("'=HYPERLINK") || String(row.message).includes('Note: =HYPERLINK'))).toBe(true);
  });

  it('refuses a bad --since and per-incident formats', async () => {
    const since = await rampart('export', '--since', 'last tuesday', '--out', file('x.json'));
    expect(since.code).toBe(1);
    expect(since.stderr).toContain('--since takes a date such as 2026-01-01');
    const md = await rampart('export', '--format', 'md', '--out', file('x.md'));
    expect(md.code).toBe(1);
    expect(md.stderr).toContain('Use one of: json, csv, timesketch');
  });
});

describe('rampart stats', () => {
  it('prints the figures as tables', async () => {
    const r = await rampart('stats', 'all');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Incidents: 2/);
    expect(r.stdout).toMatch(/SEV2 +1/);
  });
});
