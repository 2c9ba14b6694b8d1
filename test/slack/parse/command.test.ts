import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/slack/parse/command.js';

describe('parseIncidentCommand', () => {
  it('reads declare options from explicit flags only, anywhere in the text', () => {
    expect(parseIncidentCommand('declare Suspicious login on the press office mailbox --sev2 --type account-compromise --private')).toEqual({
      sub: 'declare',
      title: 'Suspicious login on the press office mailbox',
      severity: 'sev2',
      type: 'account-compromise',
      private: true,
      drill: false,
    });
    expect(parseIncidentCommand('DECLARE --public --drill Leak of private photos')).toEqual({ sub: 'declare', title: 'Leak of private photos', private: false, drill: true });
    expect(parseIncidentCommand('declare --SEV1 Website down --type=defacement')).toEqual({ sub: 'declare', title: 'Website down', severity: 'sev1', type: 'defacement', drill: false });
    expect(parseIncidentCommand('declare')).toEqual({ sub: 'declare-modal' });
  });

  it('keeps words that used to be options in the title (issue 13)', () => {
    expect(parseIncidentCommand('declare Candidate medical records are now public')).toEqual({ sub: 'declare', title: 'Candidate medical records are now public', drill: false });
    expect(parseIncidentCommand('declare Fire alarm during the evacuation drill')).toEqual({ sub: 'declare', title: 'Fire alarm during the evacuation drill', drill: false });
    expect(parseIncidentCommand('declare sev2 outage type:phishing lookalike private')).toEqual({ sub: 'declare', title: 'sev2 outage type:phishing lookalike private', drill: false });
  });

  it('reads smart-punctuation dashes as flags, and `--` as the end of the flags', () => {
    expect(parseIncidentCommand('declare Phishing wave \u2014public \u2013sev2')).toMatchObject({ title: 'Phishing wave', private: false, severity: 'sev2' });
    expect(parseIncidentCommand('declare Login failed \u2014 again')).toMatchObject({ title: 'Login failed \u2014 again' });
    expect(parseIncidentCommand('declare --sev1 -- --public is not a flag here')).toEqual({ sub: 'declare', title: '--public is not a flag here', severity: 'sev1', drill: false });
  });

  it('refuses an unknown flag, listing the flags, and contradictory or incomplete ones', () => {
    expect(() => parseIncidentCommand('declare Phishing --urgent')).toThrow(/I don't know the flag `--urgent`\. Flags: `--private`, `--public`, `--drill`, `--sev1`.*`--type <type>`/);
    expect(() => parseIncidentCommand('declare Phishing --sev5')).toThrow(/I don't know the flag `--sev5`/);
    expect(() => parseIncidentCommand('declare Phishing --type')).toThrow(/name the type after `--type`/);
    expect(() => parseIncidentCommand('declare Phishing --type --public')).toThrow(/name the type after `--type`/);
    expect(() => parseIncidentCommand('declare Phishing --private --public')).toThrow(/not both/);
    expect(() => parseIncidentCommand('declare Phishing --sev1 --sev2')).toThrow(/one severity/);
    expect(() => parseIncidentCommand('declare Phishing --drill=yes')).toThrow(/`--drill` takes no value/);
  });

  it('reads edit with or without a reference', () => {
    expect(parseIncidentCommand('edit INC-4 title  Phishing mail to the   press office')).toEqual({ sub: 'edit', ref: 'INC-4', edit: { field: 'title', to: 'Phishing mail to the   press office' } });
    expect(parseIncidentCommand('edit Title public records request')).toEqual({ sub: 'edit', edit: { field: 'title', to: 'public records request' } });
    expect(parseIncidentCommand('edit inc-4 type malware')).toEqual({ sub: 'edit', ref: 'inc-4', edit: { field: 'type', to: 'malware' } });
    expect(parseIncidentCommand('edit INC-4 private')).toEqual({ sub: 'edit', ref: 'INC-4', edit: { field: 'private', to: true } });
    expect(parseIncidentCommand('edit PUBLIC')).toEqual({ sub: 'edit', edit: { field: 'private', to: false } });
    expect(parseIncidentCommand('edit INC-4 drill')).toEqual({ sub: 'edit', ref: 'INC-4', edit: { field: 'drill', to: true } });
    expect(parseIncidentCommand('edit real')).toEqual({ sub: 'edit', edit: { field: 'drill', to: false } });
    expect(() => parseIncidentCommand('edit INC-4 title')).toThrow(/write the new title after `title`/);
    expect(() => parseIncidentCommand('edit INC-4 type')).toThrow(/name one type/);
    expect(() => parseIncidentCommand('edit INC-4 public now')).toThrow(/edit INC-12 title/);
    expect(() => parseIncidentCommand('edit INC-4 severity sev1')).toThrow(/edit INC-12 title/);
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

  it('reads followups: none, a reference or mine, nothing else', () => {
    expect(parseIncidentCommand('followups')).toEqual({ sub: 'followups', mine: false });
    expect(parseIncidentCommand('followups inc-4')).toEqual({ sub: 'followups', ref: 'inc-4', mine: false });
    expect(parseIncidentCommand('followups MINE')).toEqual({ sub: 'followups', mine: true });
    for (const bad of ['followups everyone', 'followups INC-4 mine', 'followups mine INC-4']) {
      expect(() => parseIncidentCommand(bad), bad).toThrow(/`\/incident followups`, `\/incident followups INC-12` or `\/incident followups mine`/);
    }
  });

  it('reads remind: snooze with one of its three lengths, or stop, with an optional reference', () => {
    expect(parseIncidentCommand('remind INC-4 snooze 2H')).toEqual({ sub: 'remind', ref: 'INC-4', action: 'snooze', choice: '2h' });
    expect(parseIncidentCommand('remind snooze tomorrow')).toEqual({ sub: 'remind', action: 'snooze', choice: 'tomorrow' });
    expect(parseIncidentCommand('remind stop')).toEqual({ sub: 'remind', action: 'stop' });
    for (const bad of ['remind', 'remind INC-4', 'remind snooze', 'remind snooze 3h', 'remind stop now', 'remind snooze 2h please', 'remind pause']) {
      expect(() => parseIncidentCommand(bad), bad).toThrow(/`\/incident remind INC-12 snooze 30m\|2h\|tomorrow` or `\/incident remind INC-12 stop`/);
    }
  });

  it('names unknown subcommands and lists the known ones', () => {
    expect(() => parseIncidentCommand('frobnicate INC-1')).toThrow(/I don't know `\/incident frobnicate`. Subcommands: declare, list, show/);
  });
});
