// The checklist layout as pure functions: pages within Slack's block limit, stable as states change, and step
// lines that never hide text without a Details button.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/core/incidents/incident.js';
import { runOf, type Run } from '../../../src/core/playbooks/run.js';
import type { Playbook } from '../../../src/core/playbooks/playbook.js';
import { checklistMessages, layoutPages, MAX_MESSAGE_BLOCKS, parseStepValue, stepBlocks } from '../../../src/slack/blocks/checklist.js';
import { aPlaybook } from '../../support/playbooks.js';
import { safe } from '../../support/safe-text.js';

const incident = {
  id: 1, number: 3, ref: 'INC-3', title: 'x', description: '', type: 'phishing', severity: 'sev2', status: 'investigating', private: true, drill: false,
  reporterId: 'U0REP', commanderId: 'U0CMD', commsId: null, scribeId: null, channelId: 'C0INC', channelName: 'inc-3', mergedIntoId: null,
  declaredAt: new Date(0), acknowledgedAt: null, containedAt: null, resolvedAt: null, closedAt: null, updatedAt: new Date(0),
} satisfies Incident;
const now = new Date('2026-11-24T12:00:00Z');

function aRun(playbook: Playbook, states: Partial<Record<number, 'done' | 'skipped'>> = {}): Run {
  const total = playbook.sections.reduce((n, s) => n + s.steps.length, 0);
  const statuses = Array.from({ length: total }, (_, i) => ({
    number: i + 1, state: states[i + 1] ?? ('open' as const), assignee: null, dueAt: i === 0 ? new Date('2026-11-24T11:00:00Z') : null,
    changedBy: states[i + 1] ? 'U0X' : null, changedAt: states[i + 1] ? now : null, note: states[i + 1] === 'skipped' ? safe('not needed') : null, version: 1,
  }));
  return runOf({ id: 7, incidentId: 1, playbook, startedBy: 'U0CMD', startedAt: now }, statuses);
}

function sections(n: number, per: number): Playbook {
  return aPlaybook({ sections: Array.from({ length: n }, (_, i) => ({ name: `Part ${i + 1}`, steps: Array.from({ length: per }, (_, j) => ({ title: `Step ${i + 1}.${j + 1}` })) })) });
}

describe('checklist layout', () => {
  it('fits a small playbook on one page and puts every step on exactly one page', () => {
    expect(layoutPages(aRun(aPlaybook()))).toEqual([[1, 2, 3, 4, 5, 6]]);
    const big = aRun(sections(4, 20));
    const pages = layoutPages(big);
    expect(pages.flat()).toEqual(big.steps.map((s) => s.number));
    expect(pages.length).toBe(4);
  });

  it('never exceeds 50 blocks a message, even with every step open, and the layout does not move as steps close', () => {
    for (const shape of [sections(1, 200), sections(200, 1), sections(7, 23), sections(3, 17)]) {
      const open = aRun(shape);
      for (const page of checklistMessages(incident, open, now)) expect(page.blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
      const closed = aRun(shape, Object.fromEntries(open.steps.filter((s) => s.number % 2 === 0).map((s) => [s.number, 'done'])));
      expect(layoutPages(closed)).toEqual(layoutPages(open));
    }
  });

  it('shows the owner with the person holding the role, due and overdue, and Details only when text is hidden', () => {
    const run = aRun(aPlaybook({ sections: [{ name: 'A', steps: [{ title: 'Short', owner: 'commander', details: 'Brief.' }, { title: 'Long', details: 'word '.repeat(200) }] }] }));
    const [short, long] = run.steps;
    const shortBlocks = JSON.stringify(stepBlocks(incident, run.id, short!, now));
    expect(shortBlocks).toContain('commander (<@U0CMD>)');
    expect(shortBlocks).toContain(':warning: *overdue*');
    expect(shortBlocks).not.toContain('"Details"');
    expect(JSON.stringify(stepBlocks(incident, run.id, long!, now))).toContain('"Details"');
  });

  it('escapes playbook text so Slack cannot read it as links or broadcasts', () => {
    const run = aRun(aPlaybook({ sections: [{ name: 'A & B', steps: [{ title: 'Tell <!channel> about <https://x>' }] }] }));
    const text = JSON.stringify(checklistMessages(incident, run, now)[0]!.blocks);
    expect(text).toContain('Tell &lt;!channel&gt; about &lt;https://x&gt;');
    expect(text).toContain('A &amp; B');
  });

  it('closed steps show who closed them and a Reopen button carrying the step and version', () => {
    const run = aRun(aPlaybook(), { 2: 'skipped' });
    const [block] = stepBlocks(incident, run.id, run.steps[1]!, now) as { text: { text: string }; accessory: { value: string; text: { text: string } } }[];
    expect(block!.text.text).toMatch(/^:fast_forward: ~2\. Find who else got it~ · skipped by <@U0X>.*\n>not needed$/);
    expect(block!.accessory.text.text).toBe('Reopen');
    expect(parseStepValue(block!.accessory.value)).toEqual({ runId: 7, step: 2, seenVersion: 1 });
    expect(parseStepValue('7:2')).toBeUndefined();
  });

  it('counts skipped steps apart from done ones, in the words the report uses', () => {
    const run = aRun(aPlaybook(), { 1: 'done', 2: 'skipped' });
    const [page] = checklistMessages(incident, run, now);
    const total = run.steps.length;
    expect(page!.text).toMatch(new RegExp(`: 1 of ${total} done, 1 skipped$`));
    expect(JSON.stringify(page!.blocks)).toContain(`*1 of ${total} done, 1 skipped*`);
  });
});
