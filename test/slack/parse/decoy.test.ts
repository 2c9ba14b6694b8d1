// `/decoy` text parsing, without Bolt.
import { describe, expect, it } from 'vitest';
import { parseDecoyCommand } from '../../../src/slack/parse/decoy.js';

describe('parseDecoyCommand', () => {
  it.each([
    ['', { sub: 'help' }],
    ['list', { sub: 'list' }],
    ['retire payroll', { sub: 'retire', name: 'payroll' }],
    ['register payroll', { sub: 'register', name: 'payroll', kind: 'url', note: '' }],
    ['register ci Credential in the CI vault', { sub: 'register', name: 'ci', kind: 'credential', note: 'in the CI vault' }],
    ['register hr finance wiki page', { sub: 'register', name: 'hr', kind: 'url', note: 'finance wiki page' }],
    ['REGISTER pw document shared drive', { sub: 'register', name: 'pw', kind: 'document', note: 'shared drive' }],
  ])('parses %j', (text, expected) => {
    expect(parseDecoyCommand(text)).toEqual(expected);
  });

  it.each([
    ['register', /give the decoy a name/],
    ['retire', /name one decoy/],
    ['retire a b', /name one decoy/],
    ['list all', /takes nothing/],
    ['plant x', /I don't know `\/decoy plant`/],
  ])('refuses %j with a specific message', (text, message) => {
    expect(() => parseDecoyCommand(text)).toThrow(message);
  });
});
