// TLP 2.0: the order an audience is checked against, the wording and the identifiers other tools expect.
import { describe, expect, it } from 'vitest';
import { defaultIncidentTlp, mayReceive, parseTlp, stricterTlp, TLP_LEVELS, TLP_STIX_IDS, tlpMispTag, tlpStatement } from '../../../src/core/tlp/tlp.js';

describe('TLP 2.0', () => {
  it('lets an audience receive its own marking and every wider one, never a narrower one', () => {
    const allowed = TLP_LEVELS.map((audience) => TLP_LEVELS.filter((item) => mayReceive(item, audience)));
    expect(allowed).toEqual([
      ['CLEAR'],
      ['CLEAR', 'GREEN'],
      ['CLEAR', 'GREEN', 'AMBER'],
      ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'],
      ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'],
    ]);
    expect(mayReceive('RED', 'AMBER')).toBe(false);
  });

  it('reads markings as people type them and refuses anything else', () => {
    expect(parseTlp('red')).toBe('RED');
    expect(parseTlp('TLP:AMBER+STRICT')).toBe('AMBER+STRICT');
    expect(parseTlp('amber strict')).toBe('AMBER+STRICT');
    expect(parseTlp('tlp:white')).toBe('CLEAR');
    expect(parseTlp('purple')).toBeUndefined();
    expect(parseTlp('')).toBeUndefined();
  });

  it('keeps the stricter marking and defaults private incidents to RED', () => {
    expect(stricterTlp('AMBER', 'RED')).toBe('RED');
    expect(stricterTlp('AMBER+STRICT', 'GREEN')).toBe('AMBER+STRICT');
    expect(defaultIncidentTlp({ private: true })).toBe('RED');
    expect(defaultIncidentTlp({ private: false })).toBe('AMBER');
  });

  it("writes FIRST's wording and the STIX and MISP identifiers", () => {
    expect(tlpStatement('RED')).toBe('TLP:RED: For the eyes and ears of individual recipients only, no further disclosure.');
    expect(tlpMispTag('AMBER+STRICT')).toBe('tlp:amber+strict');
    expect(new Set(Object.values(TLP_STIX_IDS)).size).toBe(5);
    for (const id of Object.values(TLP_STIX_IDS)) expect(id).toMatch(/^marking-definition--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
