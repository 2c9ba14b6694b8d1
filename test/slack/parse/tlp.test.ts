// `/incident tlp [INC-n] <marking> [reason]`: the marking is the word after the optional reference, the rest is the
// reason, and words in the reason change nothing.
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/slack/parse/command.js';

describe('/incident tlp', () => {
  it('reads the reference, the marking and the reason', () => {
    expect(parseIncidentCommand('tlp INC-3 red names a suspect')).toEqual({ sub: 'tlp', ref: 'INC-3', marking: 'RED', reason: 'names a suspect' });
    expect(parseIncidentCommand('tlp TLP:AMBER+STRICT')).toEqual({ sub: 'tlp', marking: 'AMBER+STRICT', reason: '' });
    expect(parseIncidentCommand('tlp inc-7 clear advisory is out  (see the blog)')).toEqual({ sub: 'tlp', ref: 'inc-7', marking: 'CLEAR', reason: 'advisory is out  (see the blog)' });
  });

  it('takes the marking only from its own place: a reason naming another changes nothing', () => {
    expect(parseIncidentCommand('tlp INC-3 green not red any more')).toMatchObject({ marking: 'GREEN', reason: 'not red any more' });
  });

  it('refuses a missing or unknown marking with the usage', () => {
    expect(() => parseIncidentCommand('tlp')).toThrow('`/incident tlp INC-12 <marking> [reason]`');
    expect(() => parseIncidentCommand('tlp INC-3')).toThrow('CLEAR, GREEN, AMBER, AMBER+STRICT, RED');
    expect(() => parseIncidentCommand('tlp INC-3 purple')).toThrow('"purple" is not a TLP marking');
  });
});
