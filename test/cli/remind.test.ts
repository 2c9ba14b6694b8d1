// `rampart remind` run in this process over a copy of the run's migrated DATA_DIR: a snooze and a stop go on the
// timeline as the operator's, and bad arguments are one line and a non-zero exit, changing nothing.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { listEvents } from '../../src/core/timeline/queries.js';
import { seededCliDataDir } from '../support/cli-data.js';

const { dataDir, rampart } = seededCliDataDir('remind', {}, async (core) => {
  await core.declare({ id: 'U0LEAD', source: 'slack-command' }, { title: 'Payroll mailbox rule', severity: 'sev1' });
});

async function reminderEvents(): Promise<{ kind: string; actor: string; payload: Record<string, unknown> }[]> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return (await listEvents(database.db, 1)).filter((e) => e.kind === 'reminder_snoozed' || e.kind === 'reminders_stopped');
  } finally {
    await database.close();
  }
}

describe('rampart remind', () => {
  it('snoozes and stops an incident’s update reminders as the operator; bad arguments change nothing', async () => {
    for (const bad of [['remind', 'INC-1', 'snooze'], ['remind', 'INC-1', 'snooze', '3h'], ['remind', 'INC-1', 'pause'], ['remind', 'INC-1', 'stop', 'now']]) {
      const run = await rampart(...bad);
      expect(run.code, bad.join(' ')).not.toBe(0);
      expect(run.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
    }
    const snoozed = await rampart('remind', 'INC-1', 'snooze', '2h');
    expect(snoozed.stdout).toMatch(/^INC-1: update reminder snoozed until \d{4}-/);
    const stopped = await rampart('remind', 'inc-1', 'stop');
    expect(stopped.stdout.trim()).toBe('INC-1: update reminders stopped.');
    // Exactly these two: the refused runs above wrote nothing.
    expect(await reminderEvents()).toMatchObject([
      { kind: 'reminder_snoozed', actor: 'cli', payload: { choice: '2h' } },
      { kind: 'reminders_stopped', actor: 'cli' },
    ]);
  });
});
