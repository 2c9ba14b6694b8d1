// `rampart clocks` run in this process over a copy of the run's migrated DATA_DIR: start (a back-dated awareness needs
// its reason, and its 72 hours are long past: overdue), notified, stop, the regimes on offer (with the regimes file's),
// the list and its JSON, and bad input as one line and a non-zero exit with nothing written.
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const { rampart } = seededCliDataDir('clocks', { incidentTypes: ['data-leak', 'other'], env: { NOTIFICATION_REGIMES_FILE: 'docs/examples/notification-regimes.yaml' } }, async (core) => {
  const actor = { id: 'U0LEAD', source: 'slack-command' as const };
  await core.declare(actor, { title: 'Customer export on a public bucket', type: 'data-leak' });
  await core.declare(actor, { title: 'Lost laptop' });
  await core.declare(actor, { title: 'Payroll file mailed outside', type: 'data-leak' });
});

describe('rampart clocks', () => {
  it('lists the regimes on offer: the built-in two, then the regimes file’s', async () => {
    const r = await rampart('clocks', 'regimes');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['gdpr', 'nis2', 'dora', 'customer-dpa']);
    expect(r.stdout).toContain('nis2           NIS2 Art. 23: early-warning (24h), notification (72h), final-report (1 month)');
  });

  it('refuses a back-dated start without its reason, then starts it and lists the deadline overdue', async () => {
    const refused = await rampart('clocks', 'start', 'INC-1', 'gdpr', '--aware', '2026-11-02 09:00');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('Awareness is back-dated: say why');
    expect((await rampart('clocks', 'INC-1')).stdout.trim()).toBe('INC-1 has no notification clocks.');

    const started = await rampart('clocks', 'start', 'INC-1', 'gdpr', '--aware', '2026-11-02 09:00', '--reason', 'the DPO was told on the 2nd', '--why', 'customer emails');
    expect(started.code).toBe(0);
    expect(started.stdout.trim().split('\n')).toEqual([
      'INC-1: GDPR Art. 33 clock started, aware since 2026-11-02T08:00:00.000Z.',
      '  authority      due 2026-11-05T08:00:00.000Z  Notify the supervisory authority',
    ]);
    expect((await rampart('clocks')).stdout).toContain('OVERDUE  authority      due 2026-11-05T08:00:00.000Z  Notify the supervisory authority');
  });

  it('records a notice with whom, when and a reference, and lists it as JSON', async () => {
    await rampart('clocks', 'start', 'INC-3', 'gdpr', '--aware', '2026-11-02 09:00', '--reason', 'found in the weekly log review', '--why', 'customer emails');
    const notified = await rampart('clocks', 'notified', 'INC-3', 'gdpr', '--to', 'CNIL', '--reference', 'CNIL-2026-0042', '--at', '2026-11-04T17:00Z');
    expect(notified.stdout.trim()).toBe('INC-3: Notify the supervisory authority: notified 2026-11-04T17:00:00.000Z to CNIL.');
    const json = JSON.parse((await rampart('clocks', 'INC-3', '--json')).stdout) as unknown;
    expect(json).toMatchObject([{ ref: 'INC-3', regime: 'gdpr', state: 'running', why: 'customer emails', deadlines: [{ status: 'met', notifiedTo: 'CNIL', reference: 'CNIL-2026-0042', notifiedAt: '2026-11-04T17:00:00.000Z' }] }]);
  });

  it('stops a clock with its reason', async () => {
    await rampart('clocks', 'start', 'INC-2', 'dora');
    const stopped = await rampart('clocks', 'stop', 'INC-2', 'dora', '--reason', 'not a financial entity');
    expect(stopped.stdout.trim()).toBe('INC-2: DORA major ICT incident clock stopped.');
    const listed = (await rampart('clocks', 'INC-2')).stdout;
    expect(listed).toContain('DORA major ICT incident · stopped · aware');
    expect(listed).toContain('stopped: not a financial entity');
  });

  it('refuses an unknown regime or a missing --to in one line with a non-zero exit', async () => {
    const unknown = await rampart('clocks', 'start', 'INC-2', 'hipaa');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim()).toMatch(/"hipaa" is not a notification regime here; choose one of gdpr, nis2, dora, customer-dpa/);
    const noTo = await rampart('clocks', 'notified', 'INC-1', 'gdpr');
    expect(noTo.code).not.toBe(0);
    expect(noTo.stderr).toMatch(/--to/);
  });
});
