// The printable contact sheet: self-contained (no script, stylesheet, font or image to fetch; a CSP that forbids it),
// print-ready (@media print), every value escaped, outside parties in a fixed order, and never the verification phrase.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, planVersion } from '../../../src/core/oob/load.js';
import { contactSheetHtml } from '../../../src/core/oob/sheet.js';
import { planLines, withoutPhrase } from '../../../src/core/oob/plan.js';

const EXAMPLE = readFileSync('docs/examples/oob-plan.yaml', 'utf8');
const at = { version: 'abc123def456', generatedAt: new Date('2026-12-04T09:00:00Z'), timezone: 'Europe/Paris' };

describe('the contact sheet', () => {
  it('holds the plan, phone tree and outside parties, print-ready and self-contained, without the phrase', () => {
    const html = contactSheetHtml(parsePlan(EXAMPLE, 'oob-plan.yaml'), at);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
    expect(html).toContain('Plan version abc123def456 · printed 2026-12-04 10:00 +01:00 (Europe/Paris)');
    expect(html).toContain('<td class="phone">+44 20 7946 0101</td>');
    const parties = [...html.matchAll(/<tr><td>(Cyber insurer|Legal counsel|Forensic firm|Law enforcement|Platform trust and safety)<\/td>/g)].map((m) => m[1]);
    expect(parties).toEqual(['Cyber insurer', 'Legal counsel', 'Forensic firm', 'Law enforcement', 'Platform trust and safety']);
    expect(html).toContain('<td>Policy CY-2026-0417</td>');
    expect(html).not.toContain('heron');
    expect(html).toContain('It is not printed here; Amira Haddad gives it out.');
  });

  it('escapes every value from the file', () => {
    const evil = '<script>alert(1)</script> & "quoted"';
    const yaml = [
      'backup_channels:',
      `  - { name: '${evil}', how: '${evil}' }`,
      'phone_tree:',
      `  - { name: '${evil}', role: '${evil}', phone: "+44 20 7946 0101", calls: ['${evil}'] }`,
      'outside_parties:',
      `  - { kind: counsel, name: '${evil}', email: 'a@b.example', reference: '${evil}', notes: '${evil}' }`,
      `meeting_place: { where: '${evil}', when: '${evil}', notes: '${evil}' }`,
      `notes: '${evil}'`,
    ].join('\n');
    const html = contactSheetHtml(parsePlan(yaml, 'p.yaml'), at);
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quoted&quot;/g)!.length).toBe(12);
  });
});

describe('outside parties and the plan version', () => {
  it('needs a phone number or an email address for each party, and a known kind', () => {
    const base = ['backup_channels:', '  - { name: Signal, how: group }', 'outside_parties:'];
    expect(() => parsePlan([...base, '  - { kind: insurer, name: Mutual }'].join('\n'), 'p.yaml')).toThrow('give a phone number or an email address');
    expect(() => parsePlan([...base, '  - { kind: priest, name: Father Brown, phone: "+44 1 2345 6789" }'].join('\n'), 'p.yaml')).toThrow(/outside_parties\[0\]\.kind/);
    expect(planLines(parsePlan([...base, '  - { kind: insurer, name: Mutual, phone: "+44 1 2345 6789", reference: P-1 }'].join('\n'), 'p.yaml'))).toContain('- Cyber insurer: Mutual · +44 1 2345 6789 · ref. P-1');
  });

  it('any edit of the file is a new version; the plan without its phrase keeps the rest', () => {
    expect(planVersion(EXAMPLE)).toMatch(/^[0-9a-f]{12}$/);
    expect(planVersion(`${EXAMPLE} `)).not.toBe(planVersion(EXAMPLE));
    const plan = parsePlan(EXAMPLE, 'oob-plan.yaml');
    expect(withoutPhrase(plan)).not.toHaveProperty('verification');
    expect(withoutPhrase(plan).phone_tree).toEqual(plan.phone_tree);
    expect(planLines(withoutPhrase(plan)).join('\n')).not.toContain('heron');
  });
});
