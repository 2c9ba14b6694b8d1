// `rampart asks` run in this process over a copy of the run's migrated DATA_DIR, seeded through core: an incident's
// questions newest first with their answers, as JSON, and bad arguments as one line and a non-zero exit.
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const { rampart } = seededCliDataDir('asks', { incidentTypes: ['account-compromise', 'other'] }, async (core, clock) => {
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Odd sign-ins', type: 'account-compromise' });
  await core.declare(actor, { title: 'Quiet one' });
  const { ask } = await core.asks.ask(actor, 'INC-1', 'U0ALICE', 'Did you sign in from Lagos at 03:12?');
  clock.advance(60_000);
  await core.asks.ask(actor, 'INC-1', 'U0BOB', 'Did you reset your password?');
  clock.advance(60_000);
  await core.asks.answer({ id: 'U0ALICE', source: 'slack-button' }, ask.id, 'no');
});

describe('rampart asks', () => {
  it('lists an incident’s questions newest first with their answers, and JSON', async () => {
    const listed = await rampart('asks', 'INC-1');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([
      `2026-11-02T10:01:00.000Z  U0BOB        ${'no answer yet'.padEnd(32)}  Did you reset your password?`,
      `2026-11-02T10:00:00.000Z  U0ALICE      ${'No at 2026-11-02T10:02:00.000Z'.padEnd(32)}  Did you sign in from Lagos at 03:12?`,
    ]);
    expect((await rampart('asks', 'INC-2')).stdout.trim()).toBe('INC-2 has no questions asked.');
    const json = JSON.parse((await rampart('asks', 'inc-1', '--json')).stdout) as unknown[];
    expect(json[1]).toEqual({
      ref: 'INC-1',
      userId: 'U0ALICE',
      question: 'Did you sign in from Lagos at 03:12?',
      askedBy: 'U0LEAD',
      askedAt: '2026-11-02T10:00:00.000Z',
      answer: 'no',
      answeredAt: '2026-11-02T10:02:00.000Z',
      reminded: false,
      escalated: false,
    });
  });

  it('says what is wrong in one line and exits non-zero', async () => {
    for (const args of [['asks', 'INC-9'], ['asks'], ['asks', 'nothing']]) {
      const r = await rampart(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect((await rampart('asks', 'INC-9')).stderr).toContain('There is no incident INC-9.');
  });
});
