// `/incident ioc …` parsing: the reference optional, values with spaces, the type or verdict as the last word, Slack's
// link markup unwrapped, and a usage reply for everything else.
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/slack/parse/command.js';

describe('/incident ioc', () => {
  it.each([
    ['ioc', { sub: 'ioc', action: 'modal' }],
    ['ioc INC-3', { sub: 'ioc', action: 'modal', ref: 'INC-3' }],
    ['ioc add 203.0.113[.]7', { sub: 'ioc', action: 'add', value: '203.0.113[.]7' }],
    ['ioc add INC-3 evil.example domain', { sub: 'ioc', action: 'add', ref: 'INC-3', value: 'evil.example', type: 'domain' }],
    ['ioc add +44 20 7946 0000', { sub: 'ioc', action: 'add', value: '+44 20 7946 0000' }],
    ['ioc add John Smith account', { sub: 'ioc', action: 'add', value: 'John Smith', type: 'account' }],
    ['ioc add <https://evil.example/x|evil.example/x>', { sub: 'ioc', action: 'add', value: 'https://evil.example/x' }],
    ['ioc add <mailto:bad@evil.example|bad@evil.example> email', { sub: 'ioc', action: 'add', value: 'bad@evil.example', type: 'email' }],
    ['ioc list', { sub: 'ioc', action: 'list' }],
    ['ioc list inc-4', { sub: 'ioc', action: 'list', ref: 'inc-4' }],
    ['ioc mark INC-3 evil.example Malicious', { sub: 'ioc', action: 'mark', ref: 'INC-3', value: 'evil.example', verdict: 'malicious' }],
    ['ioc export misp', { sub: 'ioc', action: 'export', format: 'misp' }],
    ['ioc export INC-3 STIX', { sub: 'ioc', action: 'export', ref: 'INC-3', format: 'stix' }],
  ])('%s', (text, expected) => {
    expect(parseIncidentCommand(text)).toEqual(expected);
  });

  it.each([
    ['ioc add', /ioc add \[INC-12\] <value> \[type\]/],
    ['ioc add INC-3', /ioc add/],
    ['ioc list INC-3 extra', /ioc list \[INC-12\]/],
    ['ioc mark INC-3 evil.example', /malicious\|suspicious\|benign\|unknown/],
    ['ioc mark INC-3 evil.example evil', /malicious\|suspicious\|benign\|unknown/],
    ['ioc export INC-3 pdf', /stix\|misp\|csv/],
    ['ioc remove evil.example', /ioc add .*ioc list .*ioc mark .*ioc export/],
  ])('refuses %s with its usage', (text, message) => {
    expect(() => parseIncidentCommand(text)).toThrow(message);
  });
});
