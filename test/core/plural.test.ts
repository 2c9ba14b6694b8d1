// The one plural helper: singular for exactly one, the given or regular plural otherwise.
import { describe, expect, it } from 'vitest';
import { plural } from '../../src/core/plural.js';
import { verificationLine } from '../../src/core/timeline/chain.js';
import { describeEvent } from '../../src/core/reports/describe.js';

describe('plural', () => {
  it('writes one as singular and every other count as plural', () => {
    expect(plural(1, 'acknowledgement')).toBe('1 acknowledgement');
    expect(plural(0, 'acknowledgement')).toBe('0 acknowledgements');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(plural(1, 'person', 'people')).toBe('1 person');
  });

  it('is what the lines that count things use', () => {
    expect(verificationLine({ ok: true, events: 1, unhashed: 1 })).toBe('Timeline verified: 1 event, hash chain intact (1 earlier event predates the chain).');
    expect(describeEvent({ kind: 'review_saved', payload: { version: 1, actionItems: 1 } })).toBe('Post-incident review saved (version 1, 1 action item)');
    expect(describeEvent({ kind: 'playbook_completed', payload: { title: 'Phishing', done: 3, skipped: 1 } })).toBe('Playbook completed: Phishing (3 of 4 done, 1 skipped)');
  });
});
