// Other incident types than comms-compromise (here account-compromise) keep sending the plan itself; see distribution.test.ts.
// moveOutOfBand: who may ask, what the timeline records (the move, the reason, how many people; never the plan),
// and that a missing or broken plan, or a refusal, writes nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/context.js';
import { checkOutOfBand, moveOutOfBand, NO_PLAN_MESSAGE } from '../../../src/core/oob/move.js';
import { describeEvent } from '../../../src/core/reports/describe.js';
import { OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';

const EXAMPLE = 'docs/examples/oob-plan.yaml';
const PHRASE = 'the heron waits at low tide';
const reporter = slackUser('U0REPORT');
const commander = slackUser('U0COMMAND');
const responder = slackUser(RESPONDER);

let t: Awaited<ReturnType<typeof testCore>>;
let deps: CoreDeps;
beforeEach(async () => {
  t = await testCore();
  deps = { ...t.deps, oobPlanFile: EXAMPLE };
  await t.core.declare(reporter, { title: 'Workspace admin token leaked', type: 'account-compromise' });
  await t.core.assignRole(responder, 'INC-1', 'commander', commander.id);
});
afterEach(async () => {
  await t.close();
});

const eventsOf = async () => (await t.core.timeline(responder, 'INC-1')).events;

describe('moveOutOfBand', () => {
  it('records the move with its reason and recipient count, and returns the plan for the direct messages', async () => {
    const moved = await moveOutOfBand(deps, responder, 'inc-1', 'admin token seen on a paste site', ['U0MEMBER1', commander.id]);
    expect(moved.plan.verification?.phrase).toBe(PHRASE);
    expect(moved.recipients).toEqual(['U0MEMBER1', commander.id, reporter.id, RESPONDER]);
    const last = (await eventsOf()).at(-1)!;
    expect(last).toMatchObject({ kind: 'moved_out_of_band', actor: RESPONDER, payload: { reason: 'admin token seen on a paste site', recipients: 4 } });
    expect(moved.event.seq).toBe(last.seq);
    expect(describeEvent(last)).toBe('Team moved out of band; plan sent by direct message to 4 people: admin token seen on a paste site');
  });

  it('never puts the plan on the timeline: no phrase, phone number or channel name in the event', async () => {
    await moveOutOfBand(deps, responder, 'INC-1', 'moving now');
    const stored = JSON.stringify(await eventsOf());
    for (const secret of [PHRASE, '+44 20 7946', 'Newsroom IR', 'Room 3.14']) expect(stored).not.toContain(secret);
  });

  it('lets the incident’s commander move it even when not a responder, and redacts secrets in the reason', async () => {
    await moveOutOfBand(deps, commander, 'INC-1', 'bot token xoxb-1234567890-abcdefghijkl leaked');
    const last = (await eventsOf()).at(-1)!;
    expect(last.actor).toBe(commander.id);
    expect(String(last.payload.reason)).not.toContain('xoxb-1234567890');
    expect(last.payload.redacted).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  it('refuses people who are neither its commander nor responders, and writes nothing', async () => {
    const before = await eventsOf();
    await expect(moveOutOfBand(deps, slackUser(OUTSIDER), 'INC-1', 'x')).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(moveOutOfBand(deps, reporter, 'INC-1', 'x')).rejects.toThrow(/Only its commander and responders can move this incident’s team out of band/);
    await expect(checkOutOfBand(deps, slackUser(OUTSIDER), 'INC-1')).rejects.toMatchObject({ code: 'not_authorized' });
    expect(await eventsOf()).toEqual(before);
  });

  it('explains how to set the plan up when OOB_PLAN_FILE is unset, and writes nothing', async () => {
    const before = await eventsOf();
    await expect(moveOutOfBand(t.deps, responder, 'INC-1', 'x')).rejects.toThrow(NO_PLAN_MESSAGE);
    await expect(checkOutOfBand(t.deps, responder, 'INC-1')).rejects.toThrow(/sets OOB_PLAN_FILE to its path/);
    expect(await eventsOf()).toEqual(before);
  });

  it('reads the file on each use: a rotated phrase is sent at once, a broken edit is refused naming the field', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rampart-oob-')), 'plan.yaml');
    const plan = (phrase: string) => `backup_channels:\n  - { name: Signal, how: IR group }\nverification:\n  phrase: ${phrase}\n  rotated_at: "2026-11-20"\n  rotated_by: Amira\n`;
    const live = { ...deps, oobPlanFile: file };
    writeFileSync(file, plan('first phrase'));
    expect((await moveOutOfBand(live, responder, 'INC-1', '')).plan.verification?.phrase).toBe('first phrase');
    writeFileSync(file, plan('second phrase'));
    expect((await checkOutOfBand(live, responder, 'INC-1')).plan.verification?.phrase).toBe('second phrase');
    const before = await eventsOf();
    writeFileSync(file, 'backup_channels:\n  - { name: Signal }\n');
    await expect(moveOutOfBand(live, responder, 'INC-1', 'x')).rejects.toThrow(/plan\.yaml:2: backup_channels\[0\]\.how/);
    expect(await eventsOf()).toEqual(before);
  });

  it('names an unknown incident', async () => {
    await expect(moveOutOfBand(deps, responder, 'INC-9', '')).rejects.toThrow(/There is no incident INC-9/);
  });
});
