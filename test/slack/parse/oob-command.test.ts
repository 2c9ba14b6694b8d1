// `/incident oob INC-n [reason]`: the reference is required, the reason is kept as typed.
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand, SUBCOMMANDS } from '../../../src/slack/parse/command.js';

describe('parseIncidentCommand: oob', () => {
  it('reads the reference and the reason, with its spacing inside kept', () => {
    expect(parseIncidentCommand('oob INC-4 workspace admin   token leaked')).toEqual({ sub: 'oob', ref: 'INC-4', reason: 'workspace admin   token leaked' });
    expect(parseIncidentCommand('OOB inc-4')).toEqual({ sub: 'oob', ref: 'inc-4', reason: '' });
  });

  it('refuses a missing or malformed reference with the usage', () => {
    expect(() => parseIncidentCommand('oob')).toThrow(/`\/incident oob INC-12 \[reason\]`/);
    expect(() => parseIncidentCommand('oob now please')).toThrow(/`\/incident oob INC-12 \[reason\]`/);
  });

  it('is listed among the subcommands', () => {
    expect(SUBCOMMANDS).toContain('oob');
  });
});
