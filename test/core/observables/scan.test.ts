// The scanner that finds observables in notes and pins to offer them: what it finds, what it leaves (files, times,
// accounts), each once, and never more than SCAN_LIMIT.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCAN_LIMIT, scanObservables } from '../../../src/core/observables/scan.js';
import { normalise } from '../../../src/core/observables/observable.js';
import { CORPORA } from '../../support/corpora.js';

// Real phishing emails (Phishing Pot by rf-peixoto, CC BY-NC 4.0: test data only), pasted into a note as people do.
const PHISHING = path.join(CORPORA, 'email/phishing_pot');
const HAVE_PHISHING = existsSync(PHISHING);
if (!HAVE_PHISHING) console.warn(`[skip] scanning real phishing emails: the corpus is not at ${PHISHING}`);

describe('scanObservables', () => {
  it('finds each kind, refanged and normalised, in order of appearance', () => {
    const text =
      'Phish from alice[@]evil[.]example linking hxxps://evil[.]example/login.php, beacon to 203.0.113[.]7 and 2001:DB8::1. ' +
      'Dropper sha256 E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855; caller +44 20 7946 0000; C2 cdn.bad.example.';
    expect(scanObservables(text)).toEqual([
      { type: 'email', value: 'alice@evil.example' },
      { type: 'url', value: 'https://evil.example/login.php' },
      { type: 'ipv4', value: '203.0.113.7' },
      { type: 'ipv6', value: '2001:db8::1' },
      { type: 'sha256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      { type: 'phone', value: '+442079460000' },
      { type: 'domain', value: 'cdn.bad.example' },
    ]);
  });

  it('reads Slack link markup as what people see', () => {
    expect(scanObservables('see <https://evil.example/a|evil.example/a> and <mailto:bob@evil.example|bob@evil.example>')).toEqual([
      { type: 'url', value: 'https://evil.example/a' },
      { type: 'email', value: 'bob@evil.example' },
    ]);
  });

  it('leaves file names, times, versions and plain words alone', () => {
    expect(scanObservables('Saved notes.txt and dump.json at 12:30:45, version 1.2.3, user alice, 999.1.1.1')).toEqual([]);
  });

  it('scans long texts without backtracking blow-ups (a pasted log, a 200,000-character run)', () => {
    for (const text of ['a'.repeat(200_000), 'a.'.repeat(100_000), `${'a'.repeat(200_000)}@`, '1.'.repeat(100_000), ':'.repeat(200_000), `+${'1 '.repeat(100_000)}`]) {
      expect(scanObservables(text).length).toBeLessThanOrEqual(SCAN_LIMIT);
    }
    // The 64-character cap still finds an address at the end of a long run.
    expect(scanObservables(`${'x'.repeat(500)} bob@evil.example`)).toEqual([{ type: 'email', value: 'bob@evil.example' }]);
  });

  it('offers a value once and at most SCAN_LIMIT', () => {
    expect(scanObservables('evil.example EVIL.example evil[.]example')).toEqual([{ type: 'domain', value: 'evil.example' }]);
    const many = Array.from({ length: 15 }, (_, i) => `198.51.100.${i + 1}`).join(' ');
    expect(scanObservables(many)).toHaveLength(SCAN_LIMIT);
  });
});

describe.skipIf(!HAVE_PHISHING)('on real phishing emails (Phishing Pot by rf-peixoto)', () => {
  it('finds URLs and addresses in them as pasted (a few thousand characters at a time), each in its normalised form', () => {
    const files = readdirSync(PHISHING).filter((f) => f.endsWith('.eml'));
    const pieces = files.flatMap((f) => readFileSync(path.join(PHISHING, f), 'utf8').match(/[\s\S]{1,3000}/g) ?? []);
    const found = pieces.flatMap((piece) => scanObservables(piece));
    expect(found.filter((x) => x.type === 'url').length).toBeGreaterThan(files.length);
    expect(found.filter((x) => x.type === 'email').length).toBeGreaterThan(files.length);
    expect(found.filter((x) => x.type === 'ipv4').length).toBeGreaterThan(0);
    for (const x of found) expect(normalise(x.type, x.value), `${x.type} ${x.value}`).toBe(x.value);
  });
});
