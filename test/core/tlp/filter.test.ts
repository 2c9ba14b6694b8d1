// The pure TLP rules outputs share: an incident's and an event's marking, the audience of its channel, the filter
// that counts what it leaves out, and a note's leading marking token.
import { describe, expect, it } from 'vitest';
import { channelAudience, eventTlp, incidentTlp } from '../../../src/core/tlp/marking.js';
import { requireNotLooser, splitNoteMarking } from '../../../src/core/tlp/note-marking.js';
import { TlpFilter, withheldList, withheldText } from '../../../src/core/tlp/withhold.js';

describe('markings', () => {
  it('an incident takes the marking set on it, else the default from its visibility', () => {
    expect(incidentTlp({ private: true, tlp: null })).toBe('RED');
    expect(incidentTlp({ private: false })).toBe('AMBER');
    expect(incidentTlp({ private: true, tlp: 'GREEN' })).toBe('GREEN');
  });

  it('an event keeps its own marking when stricter than its incident, else takes the incident’s', () => {
    expect(eventTlp({ text: 'x' }, 'AMBER')).toBe('AMBER');
    expect(eventTlp({ tlp: 'RED' }, 'AMBER')).toBe('RED');
    // The incident made stricter later takes its looser notes along.
    expect(eventTlp({ tlp: 'AMBER' }, 'RED')).toBe('RED');
    // A payload naming something else is no marking.
    expect(eventTlp({ tlp: 'PURPLE' }, 'GREEN')).toBe('GREEN');
  });

  it('a private incident’s channel is a RED audience, a public one’s AMBER', () => {
    expect(channelAudience({ private: true })).toBe('RED');
    expect(channelAudience({ private: false })).toBe('AMBER');
  });
});

describe('the filter', () => {
  it('lets through what the audience may receive and counts the rest by marking, strictest first', () => {
    const filter = new TlpFilter('AMBER');
    const kept = filter.keep(['CLEAR', 'RED', 'AMBER', 'AMBER+STRICT', 'RED', 'GREEN'] as const, (m) => m);
    expect(kept).toEqual(['CLEAR', 'AMBER', 'GREEN']);
    expect(withheldList(filter.withheld)).toEqual([
      { marking: 'RED', count: 2 },
      { marking: 'AMBER+STRICT', count: 1 },
    ]);
    expect(withheldText(filter.withheld, 'note')).toBe('2 notes withheld (TLP:RED), 1 note withheld (TLP:AMBER+STRICT)');
  });

  it('a RED audience receives everything and says nothing was withheld', () => {
    const filter = new TlpFilter('RED');
    expect(['CLEAR', 'RED'].every((m) => filter.admits(m as 'CLEAR' | 'RED'))).toBe(true);
    expect(withheldText(filter.withheld, 'note')).toBe('');
  });
});

describe('a note’s marking', () => {
  it('is only a leading TLP: token, in any case, with amber+strict and the old WHITE', () => {
    expect(splitNoteMarking('TLP:RED the suspect is in payroll')).toEqual({ tlp: 'RED', text: 'the suspect is in payroll' });
    expect(splitNoteMarking('tlp:amber+strict at 14:05 blocked')).toEqual({ tlp: 'AMBER+STRICT', text: 'at 14:05 blocked' });
    expect(splitNoteMarking('TLP:WHITE public advisory')).toEqual({ tlp: 'CLEAR', text: 'public advisory' });
    expect(splitNoteMarking('red team says TLP:RED')).toEqual({ text: 'red team says TLP:RED' });
    expect(splitNoteMarking('RED the word alone marks nothing')).toEqual({ text: 'RED the word alone marks nothing' });
  });

  it('refuses a TLP: token that names no marking, and a marking looser than the incident’s', () => {
    expect(() => splitNoteMarking('TLP:PURPLE x')).toThrow('"TLP:PURPLE" is not a TLP marking');
    expect(() => requireNotLooser('INC-3', 'GREEN', 'AMBER')).toThrow('INC-3 is marked TLP:AMBER; a note may be marked as strictly or more strictly, not TLP:GREEN');
    expect(() => requireNotLooser('INC-3', 'AMBER', 'AMBER')).not.toThrow();
    expect(() => requireNotLooser('INC-3', 'RED', 'AMBER')).not.toThrow();
  });
});
