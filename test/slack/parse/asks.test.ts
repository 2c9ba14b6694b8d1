// `/incident ask [INC-n] @person <question>` and `/incident asks [INC-n]`: everything after the mention is the
// question, as typed (words in it change nothing); a bare @name or a missing question is refused with the usage.
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand, SUBCOMMANDS } from '../../../src/slack/parse/command.js';

describe('parseIncidentCommand: ask', () => {
  it('reads the reference, the person and the question as typed', () => {
    expect(parseIncidentCommand('ask INC-4 <@U0ALICE|alice> Did you sign in from Lagos at 03:12?')).toEqual({
      sub: 'ask',
      ref: 'INC-4',
      userId: 'U0ALICE',
      question: 'Did you sign in from Lagos at 03:12?',
    });
    // In the incident channel the reference may be left out; words such as a reference or a flag stay in the question.
    expect(parseIncidentCommand('ask <@W0BOB>   Was INC-3 you? --private  <b>')).toEqual({ sub: 'ask', userId: 'W0BOB', question: 'Was INC-3 you? --private  <b>' });
  });

  it('refuses a person who is not a mention, and a question left out', () => {
    expect(() => parseIncidentCommand('ask INC-4 @alice Was this you?')).toThrow(/mention the person/);
    expect(() => parseIncidentCommand('ask INC-4 <#C0GENERAL> Was this you?')).toThrow(/mention the person/);
    expect(() => parseIncidentCommand('ask INC-4 <@U0ALICE>')).toThrow(/write the question after the person/);
    expect(() => parseIncidentCommand('ask')).toThrow(/mention the person/);
  });
});

describe('parseIncidentCommand: asks', () => {
  it('takes an optional reference and nothing else', () => {
    expect(parseIncidentCommand('asks INC-4')).toEqual({ sub: 'asks', ref: 'INC-4' });
    expect(parseIncidentCommand('asks')).toEqual({ sub: 'asks' });
    expect(() => parseIncidentCommand('asks INC-4 more')).toThrow(/`\/incident asks INC-12`/);
    expect(() => parseIncidentCommand('asks everyone')).toThrow(/`\/incident asks INC-12`/);
  });

  it('both are listed among the subcommands', () => {
    expect(SUBCOMMANDS).toEqual(expect.arrayContaining(['ask', 'asks']));
  });
});
