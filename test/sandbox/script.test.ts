import { describe, expect, it } from 'vitest';
import { parseAssignments, parseLine, ScriptParseError } from '../../src/sandbox/script.js';

describe('parseLine', () => {
  it('ignores blank lines and comments', () => {
    expect(parseLine('')).toBeNull();
    expect(parseLine('   ')).toBeNull();
    expect(parseLine('# declare the incident')).toBeNull();
  });

  it('reads a slash command and its text', () => {
    expect(parseLine('/incident declare Phishing mail --sev4')).toEqual({ kind: 'slash', command: '/incident', text: 'declare Phishing mail --sev4' });
    expect(parseLine('  /incident  ')).toEqual({ kind: 'slash', command: '/incident', text: '' });
  });

  it('reads user and channel switches', () => {
    expect(parseLine('as alice')).toEqual({ kind: 'as', user: 'alice' });
    expect(parseLine('as @Bob')).toEqual({ kind: 'as', user: 'bob' });
    expect(parseLine('in #inc-1-phishing')).toEqual({ kind: 'in', channel: 'inc-1-phishing' });
    expect(parseLine('in general')).toEqual({ kind: 'in', channel: 'general' });
  });

  it('reads clicks, reactions, pins, says and shortcuts', () => {
    expect(parseLine('click Start playbook')).toEqual({ kind: 'click', label: 'Start playbook' });
    expect(parseLine('click "Close"')).toEqual({ kind: 'click', label: 'Close' });
    expect(parseLine('react :eyes: suspicious link')).toEqual({ kind: 'react', emoji: 'eyes', words: 'suspicious link' });
    expect(parseLine('pin the mail came from')).toEqual({ kind: 'pin', words: 'the mail came from' });
    expect(parseLine('say hello = world')).toEqual({ kind: 'say', text: 'hello = world' });
    expect(parseLine('shortcut add_to_timeline the mail came')).toEqual({ kind: 'shortcut', callbackId: 'add_to_timeline', words: 'the mail came' });
    expect(parseLine('shortcut "Add to timeline" the mail')).toEqual({ kind: 'shortcut', callbackId: 'Add to timeline', words: 'the mail' });
  });

  it('reads visits of the bot\'s pages', () => {
    expect(parseLine('visit latest')).toEqual({ kind: 'visit', target: 'latest' });
    expect(parseLine('visit /d/abc')).toEqual({ kind: 'visit', target: '/d/abc' });
    expect(() => parseLine('visit')).toThrow(/expected: visit latest/);
    expect(() => parseLine('visit two words')).toThrow(/expected: visit latest/);
  });

  it('reads modal lines', () => {
    expect(parseLine('fill title="Phishing mail" severity=sev2 private=yes')).toEqual({
      kind: 'fill',
      values: { title: 'Phishing mail', severity: 'sev2', private: 'yes' },
    });
    expect(parseLine('submit')).toEqual({ kind: 'submit', values: {} });
    expect(parseLine('submit severity=sev1')).toEqual({ kind: 'submit', values: { severity: 'sev1' } });
    expect(parseLine('cancel')).toEqual({ kind: 'cancel' });
    expect(parseLine('help')).toEqual({ kind: 'help' });
    expect(parseLine('exit')).toEqual({ kind: 'exit' });
  });

  it('reads waits in seconds, minutes, hours and days', () => {
    expect(parseLine('wait 90s')).toEqual({ kind: 'wait', ms: 90_000 });
    expect(parseLine('wait 20m')).toEqual({ kind: 'wait', ms: 1_200_000 });
    expect(parseLine('wait 1.5h')).toEqual({ kind: 'wait', ms: 5_400_000 });
    expect(parseLine('wait 2D')).toEqual({ kind: 'wait', ms: 172_800_000 });
  });

  it('reads home, which takes nothing after it', () => {
    expect(parseLine('home')).toEqual({ kind: 'home' });
    expect(parseLine('  HOME ')).toEqual({ kind: 'home' });
  });

  it.each([
    ['as', 'expected: as <user>'],
    ['in #bad channel', 'expected: in #<channel>'],
    ['click', 'expected: click <button label>'],
    ['react :eyes:', 'expected: react :<emoji>: <words from the message>'],
    ['shortcut add_to_timeline', 'expected: shortcut <shortcut name or callback_id>'],
    ['fill', 'expected: fill <field>=<value>'],
    ['wait soon', 'expected: wait <number><s|m|h|d>'],
    ['wait 10', 'expected: wait <number><s|m|h|d>'],
    ['home page 2', 'expected: home'],
    ['dance wildly', 'unknown line "dance wildly"'],
  ])('rejects %j with a message saying what was expected', (line, message) => {
    expect(() => parseLine(line)).toThrow(ScriptParseError);
    expect(() => parseLine(line)).toThrow(message);
  });
});

describe('parseAssignments', () => {
  it('reads quoted keys and values with escapes', () => {
    expect(parseAssignments('"Incident title"="The \\"CEO\\" mail" tags=a,b empty=""')).toEqual({
      'Incident title': 'The "CEO" mail',
      tags: 'a,b',
      empty: '',
    });
  });

  it('rejects a pair without a value and an unclosed quote', () => {
    expect(() => parseAssignments('title')).toThrow('expected field=value');
    expect(() => parseAssignments('title="open')).toThrow('no closing "');
  });
});
