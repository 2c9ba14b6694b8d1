// `/incident clocks …` parsing: the keywords in their order, the one free-text part last (words in it change nothing),
// and a specific usage reply for each mistake.
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/slack/parse/command.js';

const parse = (text: string) => parseIncidentCommand(text);

describe('/incident clocks', () => {
  it('lists one incident’s clocks or every running one', () => {
    expect(parse('clocks')).toEqual({ sub: 'clocks', action: 'list' });
    expect(parse('clocks INC-4')).toEqual({ sub: 'clocks', action: 'list', ref: 'INC-4' });
  });

  it('starts a clock, with what it is for and a back-dated awareness whose reason is the rest', () => {
    expect(parse('clocks INC-4 start gdpr')).toEqual({ sub: 'clocks', action: 'start', ref: 'INC-4', regime: 'gdpr' });
    expect(parse('clocks start nis2 significant-service')).toEqual({ sub: 'clocks', action: 'start', regime: 'nis2', why: 'a significant service' });
    expect(parse('clocks INC-4 start gdpr personal-data at 2026-11-20 09:00 the DPO heard of it to CNIL stop')).toEqual({
      sub: 'clocks',
      action: 'start',
      ref: 'INC-4',
      regime: 'gdpr',
      why: 'personal data',
      aware: '2026-11-20 09:00',
      reason: 'the DPO heard of it to CNIL stop',
    });
    expect(parse('clocks start gdpr at 3h ago found in logs')).toMatchObject({ aware: '3h ago', reason: 'found in logs' });
    expect(parse('clocks start gdpr at 09:40')).toMatchObject({ aware: '09:40' });
  });

  it('records a notice: deadline, time and reference optional, whom last (its words are only whom)', () => {
    expect(parse('clocks INC-4 notified gdpr to CNIL')).toEqual({ sub: 'clocks', action: 'notified', ref: 'INC-4', regime: 'gdpr', to: 'CNIL' });
    expect(parse('clocks notified nis2 early-warning at 2026-11-20 09:00 ref CERT-1 to CERT-FR at the ref desk')).toEqual({
      sub: 'clocks',
      action: 'notified',
      regime: 'nis2',
      deadline: 'early-warning',
      at: '2026-11-20 09:00',
      reference: 'CERT-1',
      to: 'CERT-FR at the ref desk',
    });
  });

  it('stops a clock with an optional reason', () => {
    expect(parse('clocks INC-4 stop gdpr')).toEqual({ sub: 'clocks', action: 'stop', ref: 'INC-4', regime: 'gdpr' });
    expect(parse('clocks stop gdpr no personal data after all')).toEqual({ sub: 'clocks', action: 'stop', regime: 'gdpr', reason: 'no personal data after all' });
  });

  it('says what to type for each mistake', () => {
    expect(() => parse('clocks INC-4 start')).toThrow('Name the regime to start');
    expect(() => parse('clocks start gdpr because')).toThrow('"because" is not understood here; a reason only follows a back-dated `at <when>`');
    expect(() => parse('clocks start gdpr at')).toThrow('Say when the team became aware after `at`');
    expect(() => parse('clocks notified gdpr CNIL')).toThrow('Say to whom the notice went, last, after `to`');
    expect(() => parse('clocks notified gdpr ref')).toThrow('Give the reference after `ref`');
    expect(() => parse('clocks notified gdpr ref to')).toThrow('Say to whom');
    expect(() => parse('clocks stop')).toThrow('Name the regime whose clock to stop');
    expect(() => parse('clocks pause gdpr')).toThrow('I don\'t know "pause"');
  });
});
