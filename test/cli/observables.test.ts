// `rampart ioc add|list|mark|export` run in this process over a copy of the run's migrated DATA_DIR: values refanged,
// normalised and listed defanged, verdicts, exports to stdout and to a file with their marking, and bad arguments as
// one line and a non-zero exit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const { dir, rampart } = seededCliDataDir('ioc', { incidentTypes: ['phishing', 'other'] }, async (core) => {
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Phishing wave', type: 'phishing' });
  await core.declare(actor, { title: 'Earlier phish', type: 'phishing', private: false });
  await core.observables.add(actor, { ref: 'INC-2', value: 'evil.example' });
});

describe('rampart ioc', () => {
  it('adds, marks and lists defanged, with the other incidents holding a value', async () => {
    expect((await rampart('ioc', 'add', 'INC-1', 'hxxps://evil[.]example/login')).stdout.trim()).toBe('Added to INC-1: URL hxxps://evil[.]example/login.');
    expect((await rampart('ioc', 'add', 'INC-1', 'EVIL.example')).stdout.trim()).toBe('Added to INC-1: domain evil[.]example.');
    expect((await rampart('ioc', 'add', 'INC-1', 'CORP\\alice', 'account')).code).toBe(0);
    expect((await rampart('ioc', 'mark', 'INC-1', 'evil[.]example', 'malicious')).stdout.trim()).toBe('Marked malicious on INC-1: domain evil[.]example.');
    expect((await rampart('ioc', 'list', 'INC-1')).stdout.trim().split('\n')).toEqual([
      'url     unknown    hxxps://evil[.]example/login',
      'domain  malicious  evil[.]example  (also in INC-2)',
      'account unknown    CORP\\alice',
    ]);
    const json = JSON.parse((await rampart('ioc', 'list', 'INC-1', '--json')).stdout) as Record<string, unknown>[];
    expect(json[1]).toMatchObject({ ref: 'INC-1', type: 'domain', value: 'evil.example', defanged: 'evil[.]example', verdict: 'malicious', origin: 'typed', alsoIn: ['INC-2'] });
  });

  it('exports STIX, MISP and CSV with the incident’s marking, to stdout or a file', async () => {
    const csv = await rampart('ioc', 'export', 'INC-2', '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^# TLP:AMBER: /);
    const stix = JSON.parse((await rampart('ioc', 'export', 'INC-1', '--format', 'stix')).stdout) as { type: string; objects: { type: string; id: string }[] };
    expect(stix.type).toBe('bundle');
    expect(stix.objects[0]).toMatchObject({ type: 'marking-definition', id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1' });
    const file = path.join(dir, 'inc-1.misp.json');
    const written = await rampart('ioc', 'export', 'INC-1', '--format', 'misp', '--out', file);
    expect(written.stdout.trim()).toMatch(/^Wrote INC-1's \d+ observables \(misp, TLP:RED\) to /);
    const misp = JSON.parse(readFileSync(file, 'utf8')) as { Event: { Tag: unknown[]; Attribute: { type: string; to_ids: boolean }[] } };
    expect(misp.Event.Tag).toEqual([{ name: 'tlp:red' }]);
    expect(misp.Event.Attribute.filter((a) => a.to_ids).map((a) => a.type)).toEqual(['domain']);
  });

  it('says what is wrong in one line and exits non-zero', async () => {
    const cases: [string[], string][] = [
      [['ioc', 'add', 'INC-1', 'alice'], 'Add its type after it'],
      [['ioc', 'add', 'INC-1', 'alice', 'colour'], '"colour" is not an observable type'],
      [['ioc', 'add', 'INC-1', '10.0.0.300'], 'at most 255'],
      [['ioc', 'mark', 'INC-1', 'evil.example', 'bad'], '"bad" is not a verdict'],
      [['ioc', 'mark', 'INC-1', 'nothing.example', 'benign'], 'INC-1 has no observable nothing.example'],
      [['ioc', 'export', 'INC-1', '--format', 'pdf'], '--format takes stix, misp or csv'],
      [['ioc', 'list', 'INC-9'], 'There is no incident INC-9.'],
    ];
    for (const [args, message] of cases) {
      const r = await rampart(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
});
