// The "was this you?" messages: the person's carry the reference and the question only (escaped), the replies to a
// click say what happened in words, and the list says what is pending.
import { describe, expect, it } from 'vitest';
import { answerReply, askEscalationMessage, askListMessage, askMessage } from '../../../src/slack/blocks/asks.js';
import type { Incident, ListedAsk } from '../../../src/core/index.js';

const notice = { askId: 7, ref: 'INC-3', drill: true, userId: 'U0ALICE', by: 'U0LEAD', question: 'Did you open <https://evil.example|the invoice> & pay? @here' };
const ask = { id: 7, incidentId: 3, userId: 'U0ALICE', question: 'q', askedBy: 'U0LEAD', askedAt: new Date('2026-11-24T10:00:00Z'), answer: 'no' as const, answeredAt: new Date('2026-11-24T10:05:00Z'), remindAt: null, escalateAt: null, remindedAt: null, escalatedAt: null };

describe('ask messages', () => {
  it('escape the question, carry the drill marker and the buttons with the question’s id', () => {
    const m = askMessage(notice);
    const blocks = JSON.stringify(m.blocks);
    expect(blocks).toContain('Did you open &lt;https://evil.example|the invoice&gt; &amp; pay? @here');
    expect(blocks).not.toContain('<https://evil');
    expect(blocks).toContain('*DRILL*');
    expect(blocks.match(/"value":"7"/g)).toHaveLength(3);
    expect(JSON.stringify(askEscalationMessage({ ...notice, askedAt: '2026-11-24T10:00:00Z', commanderId: 'U0LEAD' }).blocks)).toContain('&lt;https://evil.example');
  });

  it('reply to each click in words', () => {
    expect(answerReply({ kind: 'answered', ref: 'INC-3', ask }).text).toBe(':white_check_mark: Thank you: *No* is recorded on *INC-3*.');
    expect(answerReply({ kind: 'already', ref: 'INC-3', ask }).text).toContain('You already answered *No*');
    expect(answerReply({ kind: 'not_yours', ref: 'INC-3', userId: 'U0ALICE' }).text).toBe(
      ':information_source: This question about *INC-3* was put to <@U0ALICE>; only they can answer it. Nothing was recorded.',
    );
  });

  it('list what is answered and what is pending', () => {
    const incident = { ref: 'INC-3', drill: false } as Incident;
    const pending: ListedAsk = { id: 8, ref: 'INC-3', userId: 'U0BOB', question: 'And you?', askedBy: 'U0LEAD', askedAt: ask.askedAt, answer: null, answeredAt: null, reminded: true, escalated: false };
    const answered: ListedAsk = { ...pending, id: 7, userId: 'U0ALICE', answer: 'no', answeredAt: ask.answeredAt, reminded: false };
    const m = askListMessage(incident, [pending, answered]);
    expect(m.text).toBe('Questions asked on *INC-3*: 1 answered of 2');
    expect(JSON.stringify(m.blocks)).toContain('_no answer (reminded)_');
    expect(askListMessage(incident, []).text).toContain('none.');
  });
});
