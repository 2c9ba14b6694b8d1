// `/incident search <text>`: everything after `search` is the text, flags and syntax included; nothing is refused but emptiness.
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand, SUBCOMMANDS } from '../../../src/slack/parse/command.js';

describe('parseIncidentCommand: search', () => {
  it('keeps the text as typed, words that look like flags or references included', () => {
    expect(parseIncidentCommand('search  "finance director" -laptop --private INC-3 ')).toEqual({ sub: 'search', text: '"finance director" -laptop --private INC-3' });
    expect(parseIncidentCommand('SEARCH 203.0.113.7')).toEqual({ sub: 'search', text: '203.0.113.7' });
  });

  it('refuses an empty search with the usage, and is listed', () => {
    expect(() => parseIncidentCommand('search')).toThrow(/`\/incident search lagos sign-in`/);
    expect(() => parseIncidentCommand('search   ')).toThrow(/`\/incident search lagos sign-in`/);
    expect(SUBCOMMANDS).toContain('search');
  });
});
