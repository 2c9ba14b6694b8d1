// The out-of-band plan distributed before it is needed: Acknowledge (one row per person and version), the awareness
// schedule posting a new version once per channel and reminding those who have not acknowledged it once, across
// replicas; and a comms-compromise incident's `/incident oob`, which sends only "switch to the plan you acknowledged"
// (or "call the commander"), never the plan or its phrase, and records who had acknowledged which version.
// PGlite, and Postgres with TEST_DATABASE_URL.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { createCore } from '../../../src/core/core.js';
import type { CoreDeps } from '../../../src/core/context.js';
import { OOB_PLAN_SCHEDULE, type OobPlanSettings } from '../../../src/core/oob/deps.js';
import { planVersion } from '../../../src/core/oob/load.js';
import { describeEvent } from '../../../src/core/reports/describe.js';
import { slackOutbox, timelineEvents } from '../../../src/db/schema.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

const EXAMPLE = 'docs/examples/oob-plan.yaml';
const PHRASE = 'the heron waits at low tide';
const dir = mkdtempSync(path.join(tmpdir(), 'rampart-oob-dist-'));
const ALICE = slackUser('U0ALICE');
const BOB = slackUser('U0BOB');
const CAROL = 'U0CAROL';
const responder = slackUser(RESPONDER);

let t: Awaited<ReturnType<typeof testCore>>;
let planFile: string;
const settings = (replicaId: string): OobPlanSettings => ({
  schedule: { name: OOB_PLAN_SCHEDULE, cron: '0 10 * * 1', timezone: 'Europe/Paris', graceMs: 24 * 3_600_000 },
  channels: ['C0STAFF'],
  replicaId,
  leaseMs: 5 * 60_000,
  members: async () => [ALICE.id, BOB.id, CAROL],
});
const coreAs = (replicaId: string) => createCore({ ...t.deps, oobPlanFile: planFile, oobDistribution: settings(replicaId) } satisfies CoreDeps);
const outboxLike = (prefix: string) => t.database.db.select().from(slackOutbox).where(like(slackOutbox.key, `${prefix}%`));

beforeEach(async () => {
  // Monday 2026-11-30 10:00 in Paris is a slot.
  t = await testCore({ now: '2026-11-30T09:00:30Z' });
  planFile = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(planFile, readFileSync(EXAMPLE, 'utf8'));
});
afterEach(async () => {
  await t.close();
});

describe('acknowledging the plan', () => {
  it('records one row per person and version, and says when a newer version exists', async () => {
    const core = coreAs('r1');
    const { version } = await core.oob.current();
    expect(await core.oob.acknowledge(ALICE, version)).toEqual({ version, recorded: true });
    expect(await core.oob.acknowledge(ALICE, version)).toEqual({ version, recorded: false });
    writeFileSync(planFile, `${readFileSync(EXAMPLE, 'utf8')}\n# edited\n`);
    const newer = planVersion(readFileSync(planFile, 'utf8'));
    expect(await core.oob.acknowledge(BOB, version)).toEqual({ version, recorded: true, newer });
    await expect(core.oob.acknowledge(ALICE, 'not-a-version')).rejects.toThrow('not a version of the out-of-band plan');
  });
});

describe('the awareness schedule distributes the plan', () => {
  it('posts a new version once per channel, then reminds each non-acknowledger once, however many replicas run', async () => {
    const [r1, r2] = [coreAs('r1'), coreAs('r2')];
    const { version } = await r1.oob.current();
    const first = await Promise.all([r1.oob.runDue(), r2.oob.runDue()]);
    // One replica posts; the other finds the slot held, or already done (then it has nothing to say), by timing alone.
    expect(first.flat().map((o) => o.kind).filter((k) => k !== 'held-elsewhere')).toEqual(['posted']);
    const posts = await outboxLike('oob-plan:');
    expect(posts.map((p) => [p.kind, p.lane, p.payload])).toEqual([['oob_plan_posted', 'C0STAFF', { version }]]);
    // Nothing of the plan is stored in the outbox: the worker renders it, without the phrase, at delivery.
    expect(JSON.stringify(posts)).not.toContain(PHRASE);

    await r1.oob.acknowledge(ALICE, version);
    // A week later: the next slot reminds Bob and Carol, not Alice; a second replica and a rerun add nothing.
    t.clock.set(new Date('2026-12-07T09:00:30Z'));
    await Promise.all([r1.oob.runDue(), r2.oob.runDue()]);
    await r1.oob.runDue();
    const reminders = await outboxLike('oob-plan-reminder:');
    expect(reminders.map((r) => [r.kind, r.lane]).sort()).toEqual([
      ['oob_plan_reminded', BOB.id],
      ['oob_plan_reminded', CAROL],
    ]);
    // A later slot reminds nobody again of the same version.
    t.clock.set(new Date('2026-12-14T09:00:30Z'));
    await r1.oob.runDue();
    expect(await outboxLike('oob-plan-reminder:')).toHaveLength(2);
    expect(await outboxLike('oob-plan:')).toHaveLength(1);
  });

  it('runs nothing when OOB_PLAN_CRON is off', async () => {
    const off = createCore({ ...t.deps, oobPlanFile: planFile, oobDistribution: { ...settings('r1'), schedule: undefined } });
    expect(off.oob.schedule()).toBeUndefined();
    expect(await off.oob.runDue()).toEqual([]);
  });
});

describe('/incident oob in a comms-compromise incident', () => {
  it('tells each person to switch to the plan they acknowledged, or to call the commander, and records who had acknowledged which version', async () => {
    const core = coreAs('r1');
    const { version } = await core.oob.current();
    await core.declare(slackUser('U0REPORT'), { title: 'Slack admin account taken over', type: 'comms-compromise' });
    await core.assignRole(responder, 'INC-1', 'commander', 'U0COMMAND');
    t.clock.set(new Date('2026-11-30T10:00:00Z'));
    await core.oob.acknowledge(ALICE, version);
    t.clock.set(new Date('2026-12-01T08:00:00Z'));
    const moved = await core.oob.move(responder, 'INC-1', 'admin account used from an unknown device', [ALICE.id, BOB.id]);
    const rows = await t.database.db.select().from(slackOutbox).where(eq(slackOutbox.incidentId, moved.incident.id));
    const dms = rows.filter((r) => r.kind === 'oob_switch_told');
    expect(rows.filter((r) => r.kind === 'oob_plan_sent')).toEqual([]);
    expect(Object.fromEntries(dms.map((r) => [r.lane, (r.payload as unknown as { acknowledged: unknown }).acknowledged]))).toEqual({
      [ALICE.id]: { version, at: '2026-11-30T10:00:00.000Z' },
      [BOB.id]: null,
      U0COMMAND: null,
      U0REPORT: null,
      [RESPONDER]: null,
    });
    expect((dms[0]!.payload as unknown as { commander: string }).commander).toBe('U0COMMAND');
    const event = (await core.timeline(responder, 'INC-1')).events.at(-1)!;
    expect(event.payload).toMatchObject({ mode: 'switch', planVersion: version, acknowledged: [{ userId: ALICE.id, version, at: '2026-11-30T10:00:00.000Z' }], unacknowledged: [BOB.id, 'U0COMMAND', 'U0REPORT', RESPONDER] });
    expect(describeEvent(event)).toContain(`acknowledged: U0ALICE (version ${version}, current); never acknowledged (told to call the commander): U0BOB, U0COMMAND, U0REPORT, ${RESPONDER}`);
    // Neither the outbox nor the timeline holds anything of the plan.
    const everything = JSON.stringify([rows, await t.database.db.select().from(timelineEvents)]);
    expect(everything).not.toContain(PHRASE);
    expect(everything).not.toContain('Signal group');
  });
});
