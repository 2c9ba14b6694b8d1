// `rampart followups` run in this process over a copy of the run's migrated DATA_DIR, seeded through core: every open
// one, one incident's, one person's, as JSON, and bad arguments as one line and a non-zero exit.
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const { rampart } = seededCliDataDir('followups', { incidentTypes: ['phishing', 'other'] }, async (core) => {
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  const review = { summary: 'S', impact: '', rootCause: '', wentWell: '', wentWrong: '', lessons: '' };
  await core.declare(actor, { title: 'Phishing wave', type: 'phishing' });
  await core.declare(actor, { title: 'Lost laptop' });
  await core.reviews.save(actor, 'INC-1', { ...review, actionItems: [{ text: 'Block the domain', owner: 'U0ALICE', due: '2026-11-10' }, { text: 'Train finance', owner: null, due: null }] });
  await core.reviews.save(actor, 'INC-2', { ...review, actionItems: [{ text: 'Wipe the laptop', owner: 'U0ALICE', due: '2026-11-05' }] });
  const { followups } = await core.followups.list(actor, { kind: 'incident', ref: 'INC-1' });
  await core.followups.done(actor, followups.find((f) => f.text === 'Train finance')!.id);
});

describe('rampart followups', () => {
  it('lists every open one by due date, an incident’s all, a person’s open ones, and JSON', async () => {
    const open = await rampart('followups');
    expect(open.code).toBe(0);
    expect(open.stdout.trim().split('\n')).toEqual([
      'INC-2    open      2026-11-05  U0ALICE      Wipe the laptop',
      'INC-1    open      2026-11-10  U0ALICE      Block the domain',
    ]);
    expect((await rampart('followups', 'INC-1')).stdout.trim().split('\n')).toEqual([
      'INC-1    open      2026-11-10  U0ALICE      Block the domain',
      'INC-1    done      -           -            Train finance',
    ]);
    expect((await rampart('followups', '--owner', 'U0BOB')).stdout.trim()).toBe('No open follow-ups.');
    const json = await rampart('followups', '--owner', 'U0ALICE', '--json');
    expect(JSON.parse(json.stdout)).toEqual([
      { ref: 'INC-2', text: 'Wipe the laptop', owner: 'U0ALICE', due: '2026-11-05', state: 'open' },
      { ref: 'INC-1', text: 'Block the domain', owner: 'U0ALICE', due: '2026-11-10', state: 'open' },
    ]);
  });

  it('says what is wrong in one line and exits non-zero', async () => {
    for (const args of [['followups', 'INC-9'], ['followups', '--owner', 'alice'], ['followups', 'INC-1', '--owner', 'U0ALICE']]) {
      const r = await rampart(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect((await rampart('followups', 'INC-9')).stderr).toContain('There is no incident INC-9.');
  });
});
