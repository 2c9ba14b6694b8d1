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
    ['register hr url finance wiki page', { sub: 'register', name: 'hr', kind: 'url', note: 'finance wiki page' }],
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
    // A misspelt kind is not a url decoy with the rest as its note.
    ['register api-token credentail in the CI vault', /"credentail" is not a kind of decoy: the kind is one of url, document, credential/],
    ['register hr finance wiki page', /"finance" is not a kind of decoy: the kind is one of url, document, credential, and comes before any note/],
    // A name of several words is not its first word with the rest as the note.
    ['register Bad Name! url', /"Bad Name!" is not a usable decoy name: a name is one word of up to 40 letters, digits, dots, hyphens or underscores/],
    ['register payroll share document on the drive', /"payroll share" is not a usable decoy name/],
  ])('refuses %j with a specific message', (text, message) => {
    expect(() => parseDecoyCommand(text)).toThrow(message);
  });
});
