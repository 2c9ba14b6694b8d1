// Two outbox workers on one Postgres database (two replicas of the bot) deliver side by side under faults without
// posting anything twice: claims skip rows the other holds, and a lane's rows go one at a time, in order.
// Postgres only: PGlite is a single connection, so there is no concurrency to test.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { slackOutbox } from '../../src/db/schema.js';
import { createLogger } from '../../src/log.js';
import { SlackEmulator } from '../../src/sandbox/emulator/emulator.js';
import { outboxClient } from '../../src/slack/outbox/client.js';
import { OUTBOX_EVENT_TYPE } from '../../src/slack/outbox/send.js';
import { OutboxWorker } from '../../src/slack/outbox/worker.js';
import { RESPONDER, slackUser, testCore } from '../support/core.js';
import { backend } from '../support/db.js';

describe.skipIf(backend !== 'postgres')('two outbox workers on one database', () => {
  it('deliver every message exactly once and in order per channel', async () => {
    const t = await testCore();
    const second = await openDatabase({ kind: 'postgres', url: t.database.url!, max: 3 });
    let now = Date.now();
    const emu = await SlackEmulator.start({ signingSecret: 'secret', botToken: 'xoxb-test-token', now: () => now });
    try {
      const clock = { now: () => new Date(now) };
      const workers = [t.database.db, second.db].map(
        (db, i) =>
          new OutboxWorker({
            db,
            clock,
            client: outboxClient('xoxb-test-token', { apiUrl: emu.apiUrl, timeoutMs: 150 }),
            logger: createLogger('silent'),
            playbooks: t.core.playbooks.library,
            oobPlan: () => Promise.reject(new Error('no plan in this test')),
            sleep: async (ms) => {
              now += ms;
            },
            workerId: `replica-${i + 1}`,
            // One row a claim, so both replicas get work. A lease far longer than any fake-clock jump, so a row is never taken over mid-call in this test.
            tuning: { paceMs: 1_000, leaseMs: 86_400_000, maxAttempts: 100, batch: 1 },
          }),
      );
      const actor = slackUser(RESPONDER);
      const expected: string[] = [];
      for (const n of [1, 2, 3, 4]) {
        const { incident } = await t.core.declare(actor, { title: `Incident ${n}`, severity: 'sev3' });
        await t.core.attachChannel(incident.id, { id: emu.channel(`inc-${n}`).id, name: `inc-${n}`, private: false });
        for (const sev of ['sev2', 'sev1', 'sev2', 'sev1', 'sev2', 'sev1']) {
          const { notices } = await t.core.changeSeverity(actor, incident.ref, sev);
          expected.push(...notices);
        }
      }
      let seed = 1;
      for (const kind of ['http_error', 'reset', 'reset-handled', 'rate_limited'] as const) {
        const base = { method: 'chat.postMessage', share: 0.1, seed: seed++ };
        if (kind === 'http_error') emu.injectFault({ ...base, kind, status: 502 });
        else if (kind === 'rate_limited') emu.injectFault({ ...base, kind, retryAfterSeconds: 3 });
        else emu.injectFault({ ...base, kind: 'reset', handled: kind === 'reset-handled' });
      }
      await Promise.all(workers.map((w) => w.drain()));
      expect(emu.callsTo('chat.postMessage').some((c) => c.status !== 200)).toBe(true);
      emu.clearFaults();
      await Promise.all(workers.map((w) => w.drain()));

      // The changes' rows (each declaration's set-up and its follow-ups are tested in outbox-setup.test.ts).
      const rows = (await t.database.db.select().from(slackOutbox).orderBy(slackOutbox.id)).filter((r) => r.kind === 'incident_changed');
      expect(rows.map((r) => r.key)).toEqual(expected);
      expect(rows.filter((r) => !r.deliveredAt)).toEqual([]);
      const posted = emu.allMessages().filter((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && String(m.metadata.event_payload.key).endsWith(':changed'));
      const keys = posted.map((m) => String(m.metadata!.event_payload.key));
      expect([...keys].sort()).toEqual([...expected].sort());
      // Both replicas did some of the work.
      expect(new Set(rows.map((r) => (r.result as { worker?: string }).worker))).toEqual(new Set(['replica-1', 'replica-2']));
      // In order within each channel: the severities read sev2, sev1, … as they were changed.
      for (const n of [1, 2, 3, 4]) {
        const texts = emu.messages(emu.channel(`inc-${n}`).id).flatMap((m) => /→ \*(sev\d)\*/.exec(m.text)?.[1] ?? []);
        expect(texts).toEqual(['sev2', 'sev1', 'sev2', 'sev1', 'sev2', 'sev1']);
      }
    } finally {
      await emu.close();
      await second.close();
      await t.close();
    }
  }, 60_000);
});
