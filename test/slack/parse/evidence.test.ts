// `/incident evidence …` parsing: the four actions, options only before the description, the ` | ` between what and
// where, mentions turned into user ids, and a specific usage error for each malformed request.
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/slack/parse/command.js';

const parse = (text: string) => {
  const req = parseIncidentCommand(text);
  if (req.sub !== 'evidence') throw new Error(`not evidence: ${req.sub}`);
  return req.evidence;
};

describe('/incident evidence parsing', () => {
  it('lists the channel’s or a named incident’s', () => {
    expect(parse('evidence')).toEqual({ action: 'list' });
    expect(parse('evidence list INC-4')).toEqual({ action: 'list', ref: 'INC-4' });
    expect(parse('evidence inc-4')).toEqual({ action: 'list', ref: 'inc-4' });
  });

  it('adds with leading options; from the first other word on everything is what and where', () => {
    expect(parse('evidence add INC-2 sha256:ABC at:2026-12-04 14:05 zone:UTC by:<@U0ALICE|alice> tlp:amber+strict Disk by:bob tlp:clear | Locker | 4')).toEqual({
      action: 'add',
      ref: 'INC-2',
      input: { sha256: 'ABC', collectedAt: '2026-12-04T14:05', zone: 'UTC', collectedBy: 'U0ALICE', tlp: 'amber+strict', description: 'Disk by:bob tlp:clear', location: 'Locker | 4' },
    });
    expect(parse('evidence add by:Acme-Forensics Phishing email | Case share')).toEqual({ action: 'add', input: { collectedBy: 'Acme-Forensics', description: 'Phishing email', location: 'Case share' } });
    // An unknown key is a description word, not an option.
    expect(parse('evidence add note:x Phone | Safe')).toEqual({ action: 'add', input: { description: 'note:x Phone', location: 'Safe' } });
  });

  it('transfers to a mention or a name, with the reason after the bar', () => {
    expect(parse('evidence transfer EV-3 <@U0BOB|bob> | for imaging | urgent')).toEqual({ action: 'transfer', evidence: 'EV-3', to: 'U0BOB', reason: 'for imaging | urgent' });
    expect(parse('evidence transfer ev-3 DHL courier 4471 | to the lab')).toEqual({ action: 'transfer', evidence: 'ev-3', to: 'DHL courier 4471', reason: 'to the lab' });
  });

  it('checks against a given hash', () => {
    expect(parse('evidence check EV-3 abc')).toEqual({ action: 'check', evidence: 'EV-3', sha256: 'abc' });
  });

  it('says what is wrong, with the usage', () => {
    const cases: [string, string][] = [
      ['evidence add Disk image', 'say what the item is, then ` | `'],
      ['evidence add Disk | ', 'say what the item is'],
      ['evidence add  | Locker', 'say what the item is'],
      ['evidence transfer EV-1 bob', '`transfer`'],
      ['evidence transfer EV-1 | why', '`transfer`'],
      ['evidence check EV-1', '`check` takes an item and its SHA-256'],
      ['evidence check EV-1 abc def', '`check` takes an item and its SHA-256'],
      ['evidence list INC-1 INC-2', '`list` takes one incident reference at most'],
      ['evidence shred EV-1', "I don't know `/incident evidence shred`"],
    ];
    for (const [text, says] of cases) {
      expect(() => parseIncidentCommand(text), text).toThrow(says);
      expect(() => parseIncidentCommand(text), text).toThrow('Usage: `/incident evidence [list] [INC-12]`');
    }
  });
});
