import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/slack/parse/command.js';

describe('parseIncidentCommand', () => {
  it('reads declare flags: severity and type anywhere, private/public/drill only at the end', () => {
    expect(parseIncidentCommand('declare Suspicious login on the press office mailbox sev2 type:account-compromise private')).toEqual({
      sub: 'declare',
      title: 'Suspicious login on the press office mailbox',
      severity: 'sev2',
      type: 'account-compromise',
      private: true,
      drill: false,
    });
    expect(parseIncidentCommand('DECLARE Leak of private photos public drill')).toEqual({ sub: 'declare', title: 'Leak of private photos', private: false, drill: true });
    expect(parseIncidentCommand('declare SEV1 Website down')).toMatchObject({ title: 'Website down', severity: 'SEV1' });
    expect(parseIncidentCommand('declare')).toEqual({ sub: 'declare-modal' });
    expect(() => parseIncidentCommand('declare Thing type:')).toThrow(/write the type after `type:`/);
  });

  it('reads help, list and show', () => {
    expect(parseIncidentCommand('')).toEqual({ sub: 'help' });
    expect(parseIncidentCommand('  help ')).toEqual({ sub: 'help' });
    expect(parseIncidentCommand('list')).toEqual({ sub: 'list', scope: 'open' });
    expect(parseIncidentCommand('list ALL')).toEqual({ sub: 'list', scope: 'all' });
    expect(() => parseIncidentCommand('list closed')).toThrow(/`\/incident list all`/);
    expect(parseIncidentCommand('show inc-4')).toEqual({ sub: 'show', ref: 'inc-4' });
    expect(parseIncidentCommand('show')).toEqual({ sub: 'show' });
  });

  it('reads status with a free note, severity and assign with an escaped mention', () => {
    expect(parseIncidentCommand('status INC-3 contained  mailbox   locked')).toEqual({ sub: 'status', ref: 'INC-3', status: 'contained', note: 'mailbox locked' });
    expect(() => parseIncidentCommand('status INC-3')).toThrow(/status INC-12 investigating/);
    expect(parseIncidentCommand('severity INC-3 sev1')).toEqual({ sub: 'severity', ref: 'INC-3', severity: 'sev1' });
    expect(() => parseIncidentCommand('severity INC-3 sev1 now')).toThrow(/severity INC-12 sev2/);
    expect(parseIncidentCommand('assign INC-3 comms <@U0ALICE|alice>')).toEqual({ sub: 'assign', ref: 'INC-3', role: 'comms', userId: 'U0ALICE' });
    expect(parseIncidentCommand('assign INC-3 comms <@W0BOB>')).toMatchObject({ userId: 'W0BOB' });
    expect(() => parseIncidentCommand('assign INC-3 comms @alice')).toThrow(/mention the person/);
  });

  it('leaves the reference out of status, severity, assign and unassign (inside the incident channel), as note does', () => {
    expect(parseIncidentCommand('status contained mailbox locked')).toEqual({ sub: 'status', status: 'contained', note: 'mailbox locked' });
    expect(parseIncidentCommand('status merged INC-2 duplicate')).toEqual({ sub: 'status', status: 'merged', note: 'INC-2 duplicate' });
    expect(parseIncidentCommand('status 3 resolved')).toEqual({ sub: 'status', ref: '3', status: 'resolved', note: '' });
    expect(() => parseIncidentCommand('status')).toThrow(/status INC-12 investigating/);
    expect(parseIncidentCommand('severity sev1')).toEqual({ sub: 'severity', severity: 'sev1' });
    expect(() => parseIncidentCommand('severity')).toThrow(/severity INC-12 sev2/);
    expect(() => parseIncidentCommand('severity sev1 now')).toThrow(/severity INC-12 sev2/);
    expect(parseIncidentCommand('assign scribe <@U0ALICE|alice>')).toEqual({ sub: 'assign', role: 'scribe', userId: 'U0ALICE' });
    expect(() => parseIncidentCommand('assign scribe @alice')).toThrow('`/incident assign`: mention the person so Slack turns it into a link, e.g. `/incident assign scribe @alice`.');
    expect(() => parseIncidentCommand('assign <@U0ALICE>')).toThrow(/assign INC-12 commander @alice/);
    expect(parseIncidentCommand('unassign INC-3 comms')).toEqual({ sub: 'unassign', ref: 'INC-3', role: 'comms' });
    expect(parseIncidentCommand('unassign scribe')).toEqual({ sub: 'unassign', role: 'scribe' });
    expect(() => parseIncidentCommand('unassign')).toThrow(/unassign INC-12 scribe/);
    expect(() => parseIncidentCommand('unassign INC-3 comms <@U0ALICE>')).toThrow(/unassign INC-12 scribe/);
  });

  it('takes no report format from Object.prototype (`report constructor`, found by the parser fuzz test)', () => {
    for (const word of ['constructor', 'toString', '__proto__']) expect(() => parseIncidentCommand(`report ${word}`)).toThrow(/report INC-12 \[format\]/);
  });

  it('reads notes with or without a reference, keeping the text as typed', () => {
    expect(parseIncidentCommand('note INC-2 at 14:05 user  clicked')).toEqual({ sub: 'note', ref: 'INC-2', text: 'at 14:05 user  clicked' });
    expect(parseIncidentCommand('note checked the headers')).toEqual({ sub: 'note', text: 'checked the headers' });
    expect(() => parseIncidentCommand('note INC-2')).toThrow(/note INC-12 what happened/);
  });

  it('reads lessons like notes', () => {
    expect(parseIncidentCommand('lesson INC-2 push prompts need a deny habit')).toEqual({ sub: 'lesson', ref: 'INC-2', text: 'push prompts need a deny habit' });
    expect(() => parseIncidentCommand('lesson')).toThrow(/lesson INC-12 what we learnt/);
  });

  it('reads corrections', () => {
    expect(parseIncidentCommand('correct INC-2 #4 it was 10:05, not 10:50')).toEqual({ sub: 'correct', ref: 'INC-2', seq: 4, text: 'it was 10:05, not 10:50' });
    expect(parseIncidentCommand('correct 4 wrong host')).toEqual({ sub: 'correct', seq: 4, text: 'wrong host' });
    expect(() => parseIncidentCommand('correct INC-2 four x')).toThrow(/correct INC-12 #4/);
  });

  it('reads playbooks, playbook with or without a reference, and tasks', () => {
    expect(parseIncidentCommand('playbooks')).toEqual({ sub: 'playbooks' });
    expect(parseIncidentCommand('playbook INC-3 phishing')).toEqual({ sub: 'playbook', ref: 'INC-3', playbookId: 'phishing' });
    expect(parseIncidentCommand('playbook phishing')).toEqual({ sub: 'playbook', playbookId: 'phishing' });
    expect(() => parseIncidentCommand('playbook')).toThrow(/`\/incident playbook INC-12 phishing`/);
    expect(() => parseIncidentCommand('playbook INC-3 phishing extra')).toThrow(/playbook INC-12 phishing/);
    expect(parseIncidentCommand('tasks')).toEqual({ sub: 'tasks' });
    expect(parseIncidentCommand('tasks inc-4')).toEqual({ sub: 'tasks', ref: 'inc-4' });
    expect(() => parseIncidentCommand('tasks mine')).toThrow(/`\/incident tasks` or `\/incident tasks INC-12`/);
  });

  it('names unknown subcommands and lists the known ones', () => {
    expect(() => parseIncidentCommand('frobnicate INC-1')).toThrow(/I don't know `\/incident frobnicate`. Subcommands: declare, list, show/);
  });
});
