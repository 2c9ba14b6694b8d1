// The posted out-of-band plan is rendered by the outbox worker at delivery, from the file as it is then: when the file
// changed after the slot enqueued the post, the Acknowledge button names the version the message shows, not the one
// queued, so an acknowledgement always records what the person read.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core.js';
import { loadPlan, loadVersionedPlan, planVersion } from '../../src/core/oob/load.js';
import { OOB_PLAN_SCHEDULE } from '../../src/core/oob/deps.js';
import { createLogger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { outboxClient } from '../../src/slack/outbox/client.js';
import { OutboxWorker } from '../../src/slack/outbox/worker.js';
import { testCore } from '../support/core.js';

describe('the posted plan at delivery', () => {
  it('names on its button the version it shows', async () => {
    const t = await testCore({ now: '2026-11-30T09:00:30Z' });
    const emu = await SlackEmulator.start({ signingSecret: 'secret', botToken: 'xoxb-test-token' });
    try {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'rampart-oob-post-')), 'plan.yaml');
      const original = readFileSync('docs/examples/oob-plan.yaml', 'utf8');
      writeFileSync(file, original);
      const staff = emu.channel('staff');
      const schedule = { name: OOB_PLAN_SCHEDULE, cron: '0 10 * * 1', timezone: 'Europe/Paris', graceMs: 86_400_000 };
      const core = createCore({ ...t.deps, oobPlanFile: file, oobDistribution: { schedule, channels: [staff.id], replicaId: 'r1', leaseMs: 300_000, members: async () => [] } });
      await core.oob.runDue();
      // The admin edits the plan between the slot and the delivery.
      const edited = original.replace('Room 3.14', 'Room 4.01');
      writeFileSync(file, edited);
      const worker = new OutboxWorker({
        db: t.database.db,
        clock: t.clock,
        client: outboxClient('xoxb-test-token', { apiUrl: emu.apiUrl, timeoutMs: 1_000 }),
        logger: createLogger('silent'),
        playbooks: t.deps.playbooks,
        oobPlan: () => loadPlan(file),
        oobVersionedPlan: () => loadVersionedPlan(file),
        sleep: async () => {},
      });
      await worker.drain();
      const [post, ...more] = emu.messages(staff.id);
      expect(more).toEqual([]);
      const body = JSON.stringify(post!.blocks);
      expect(body).toContain('Room 4.01');
      expect(body).toContain(`"value":"${planVersion(edited)}"`);
      expect(body).not.toContain(planVersion(original));
    } finally {
      await emu.close();
      await t.close();
    }
  });
});
