import { describe, expect, it } from 'vitest';
import { parseAwarenessCommand } from '../../../src/slack/parse/awareness.js';

describe('parseAwarenessCommand', () => {
  it('reads every subcommand and its argument', () => {
    expect(parseAwarenessCommand('')).toEqual({ sub: 'help' });
    expect(parseAwarenessCommand('send-now')).toEqual({ sub: 'send-now' });
    expect(parseAwarenessCommand('STATS')).toEqual({ sub: 'stats' });
    expect(parseAwarenessCommand('queue MFA-Fatigue')).toEqual({ sub: 'queue', tipId: 'mfa-fatigue' });
    expect(parseAwarenessCommand('promote INC-4')).toEqual({ sub: 'promote', ref: 'INC-4' });
  });

  it('refuses missing or extra arguments and unknown subcommands with usage', () => {
    expect(() => parseAwarenessCommand('queue')).toThrow(/`\/awareness queue <tip-id>`/);
    expect(() => parseAwarenessCommand('promote')).toThrow(/`\/awareness promote INC-12`/);
    expect(() => parseAwarenessCommand('pause now')).toThrow(/takes nothing after it/);
    expect(() => parseAwarenessCommand('launch')).toThrow(/I don't know `\/awareness launch`. Subcommands: tip, status/);
  });
});
