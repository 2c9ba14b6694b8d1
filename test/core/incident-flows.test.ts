import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const reporter = slackUser('U0REPORT');
const responder = slackUser(RESPONDER);

async function eventsOf(ref: string) {
  return (await t.core.timeline(responder, ref)).events;
}

async function tableCount(table: string): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('declare', () => {
  it('numbers incidents INC-1, INC-2 and writes incident_declared in the same transaction', async () => {
    const a = await t.core.declare(reporter, { title: 'Suspicious login', severity: 'sev2', type: 'account-compromise' });
    const b = await t.core.declare(reporter, { title: 'Odd mail', private: false });
    expect([a.incident.ref, b.incident.ref]).toEqual(['INC-1', 'INC-2']);
    expect(a.incident).toMatchObject({ status: 'triage', severity: 'sev2', private: true, reporterId: 'U0REPORT' });
    expect(b.incident).toMatchObject({ severity: 'sev3', type: 'other', private: false });
    const events = await eventsOf('inc-1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, kind: 'incident_declared', actor: 'U0REPORT', source: 'slack-command' });
  });

  it('keeps security-sensitive types private even when public is asked, and says why', async () => {
    const d = await t.core.declare(reporter, { title: 'Mailbox taken over', type: 'data-leak', private: false });
    expect(d.incident.private).toBe(true);
    expect(d.forcedPrivateBecause).toMatch(/data-leak/);
  });

  it('rejects unknown types listing the known ones, and writes nothing', async () => {
    await expect(t.core.declare(reporter, { title: 'x', type: 'alien' })).rejects.toThrow(/Known types: phishing, account-compromise/);
    await expect(t.core.declare(reporter, { title: '' })).rejects.toThrow(/needs a title/);
    await expect(t.core.declare(reporter, { title: 'y'.repeat(5000) })).rejects.toThrow(/5000 characters/);
    expect(await tableCount('incidents')).toBe(0);
    expect(await tableCount('timeline_events')).toBe(0);
  });
});

describe('status, severity and roles', () => {
  it('moves through the phases, setting each timestamp once, with one event per change', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    t.clock.advance(60_000);
    await t.core.changeStatus(responder, 'INC-1', 'investigating', 'looking');
    t.clock.advance(60_000);
    await t.core.changeStatus(responder, 'INC-1', 'contained');
    t.clock.advance(60_000);
    await t.core.changeStatus(responder, 'INC-1', 'resolved');
    t.clock.advance(60_000);
    const { incident } = await t.core.changeStatus(responder, 'INC-1', 'closed');
    expect(incident.acknowledgedAt).toEqual(new Date('2026-11-24T10:01:00Z'));
    expect(incident.containedAt).toEqual(new Date('2026-11-24T10:02:00Z'));
    expect(incident.resolvedAt).toEqual(new Date('2026-11-24T10:03:00Z'));
    expect(incident.closedAt).toEqual(new Date('2026-11-24T10:04:00Z'));
    const events = await eventsOf('INC-1');
    expect(events.map((e) => e.kind)).toEqual(['incident_declared', 'status_changed', 'status_changed', 'status_changed', 'status_changed']);
    expect(events[1]!.payload).toEqual({ from: 'triage', to: 'investigating', note: 'looking' });
  });

  it('refuses a disallowed transition naming the allowed ones, and records nothing', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await expect(t.core.changeStatus(responder, 'INC-1', 'closed')).rejects.toThrow(/can go to: investigating/);
    expect(await eventsOf('INC-1')).toHaveLength(1);
  });

  it('refuses changes by non-responders', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await expect(t.core.changeStatus(slackUser(OUTSIDER), 'INC-1', 'investigating')).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(t.core.changeSeverity(slackUser(OUTSIDER), 'INC-1', 'sev1')).rejects.toMatchObject({ code: 'not_authorized' });
    expect((await t.core.show(responder, 'INC-1')).incident.status).toBe('triage');
  });

  it('merges into another incident named in the note', async () => {
    await t.core.declare(reporter, { title: 'A' });
    await t.core.declare(reporter, { title: 'B' });
    const { incident } = await t.core.changeStatus(responder, 'INC-2', 'merged', 'INC-1 same phishing wave');
    expect(incident.status).toBe('merged');
    expect((await eventsOf('INC-2')).at(-1)!.payload).toEqual({ from: 'triage', to: 'merged', mergedInto: 'INC-1', note: 'same phishing wave' });
    await expect(t.core.changeStatus(responder, 'INC-1', 'merged')).rejects.toThrow(/Say which incident/);
  });

  it('changes severity and assigns roles with events', async () => {
    await t.core.declare(reporter, { title: 'Phish' });
    await t.core.changeSeverity(responder, 'inc-1', 'SEV1');
    await expect(t.core.changeSeverity(responder, 'INC-1', 'sev1')).rejects.toThrow(/already sev1/);
    await expect(t.core.changeSeverity(responder, 'INC-1', 'high')).rejects.toMatchObject({ code: 'invalid_severity' });
    const { incident } = await t.core.assignRole(responder, 'INC-1', 'commander', 'U0ALICE');
    expect(incident.commanderId).toBe('U0ALICE');
    await expect(t.core.assignRole(responder, 'INC-1', 'boss', 'U0ALICE')).rejects.toMatchObject({ code: 'invalid_role' });
    const kinds = (await eventsOf('INC-1')).map((e) => e.kind);
    expect(kinds).toEqual(['incident_declared', 'severity_changed', 'role_assigned']);
  });

  it('answers unknown references specifically', async () => {
    await expect(t.core.changeStatus(responder, 'INC-99', 'investigating')).rejects.toThrow(/There is no incident INC-99/);
    await expect(t.core.show(responder, 'banana')).rejects.toThrow(/not an incident reference/);
  });
});

describe('visibility', () => {
  it('redacts private incidents for outsiders, not for the reporter or responders', async () => {
    await t.core.declare(reporter, { title: 'Secret thing' });
    await t.core.declare(reporter, { title: 'Public thing', private: false });
    const seenByOutsider = await t.core.list(slackUser(OUTSIDER), 'open');
    expect(seenByOutsider.map((v) => [v.incident.ref, v.redacted])).toEqual([['INC-2', false], ['INC-1', true]]);
    expect((await t.core.show(reporter, 'INC-1')).redacted).toBe(false);
    expect((await t.core.show(responder, 'INC-1')).redacted).toBe(false);
    await expect(t.core.timeline(slackUser(OUTSIDER), 'INC-1')).rejects.toMatchObject({ code: 'not_authorized' });
  });
});
