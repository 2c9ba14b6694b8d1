// The scanner that finds observables in notes and pins to offer them: what it finds, what it leaves (files, times,
// accounts), each once, and never more than SCAN_LIMIT.
import { describe, expect, it } from 'vitest';
import { SCAN_LIMIT, scanObservables } from '../../../src/core/observables/scan.js';

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

  it('offers a value once and at most SCAN_LIMIT', () => {
    expect(scanObservables('evil.example EVIL.example evil[.]example')).toEqual([{ type: 'domain', value: 'evil.example' }]);
    const many = Array.from({ length: 15 }, (_, i) => `198.51.100.${i + 1}`).join(' ');
    expect(scanObservables(many)).toHaveLength(SCAN_LIMIT);
  });
});
