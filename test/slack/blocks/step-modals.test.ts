// The step Details modal shows a step's whole text in sections of at most 3,000 characters. The text is escaped
// first and then cut, never inside an entity (`&amp;`) or a surrogate pair, so no section passes Slack's limit.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/core/incidents/incident.js';
import { runOf } from '../../../src/core/playbooks/run.js';
import { detailsModal } from '../../../src/slack/blocks/step-modals.js';
import { aPlaybook } from '../../support/playbooks.js';

const incident = {
  id: 1, number: 3, ref: 'INC-3', title: 'x', description: '', type: 'phishing', severity: 'sev2', status: 'investigating', private: true, drill: false,
  reporterId: 'U0REP', commanderId: 'U0CMD', commsId: null, scribeId: null, channelId: 'C0INC', channelName: 'inc-3', mergedIntoId: null,
  declaredAt: new Date(0), acknowledgedAt: null, containedAt: null, resolvedAt: null, closedAt: null, updatedAt: new Date(0),
} satisfies Incident;

function modalFor(details: string) {
  const playbook = aPlaybook({ sections: [{ name: 'One', phase: 'identify', steps: [{ title: 'Read the logs', details }] }] });
  const run = runOf({ id: 7, incidentId: 1, playbook, startedBy: 'U0CMD', startedAt: new Date(0) }, [
    { number: 1, state: 'open', assignee: null, dueAt: null, changedBy: null, changedAt: null, note: null, version: 1 },
  ]);
  return detailsModal(incident, run, run.steps[0]!, { runId: 7, step: 1, seenVersion: 1 });
}

const sectionsOf = (view: ReturnType<typeof modalFor>) =>
  (view.blocks as { type: string; text?: { text: string } }[]).slice(2).map((b) => b.text!.text);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('detailsModal', () => {
  it('shows a short text in one section, escaped once', () => {
    expect(sectionsOf(modalFor('Check <the> gateway & the proxy'))).toEqual(['Check &lt;the&gt; gateway &amp; the proxy']);
  });

  it.each([
    // The leading letters shift the text so that a cut at exactly 3,000 would fall inside an entity or an emoji.
    ['ampersands with no break to cut at', `a${'&'.repeat(9000)}`],
    ['angle brackets and emoji', `abc${'<😀>'.repeat(3000)}`],
    ['emoji alone', `a${'😀'.repeat(4000)}`],
    ['a mix with words', Array.from({ length: 2500 }, (_, i) => (i % 3 === 0 ? 'R&D' : i % 3 === 1 ? '<tag>' : '🔥ok')).join(' ')],
  ])('cuts %s into sections of at most 3,000 characters without breaking an entity or an emoji', (_name, details) => {
    const sections = sectionsOf(modalFor(details));
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.length).toBeLessThanOrEqual(3000);
      expect(s).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(s).not.toMatch(/[<>]/);
      expect(s).not.toMatch(LONE_SURROGATE);
      expect(s).not.toContain('(truncated)');
    }
    // Nothing lost: the sections, unescaped, are the text (cuts fall on spaces or between characters).
    expect(sections.map(unescape).join('').replace(/\s+/g, '')).toBe(details.replace(/\s+/g, ''));
  });
});
