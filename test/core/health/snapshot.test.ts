// The operator's snapshot of outgoing deliveries, read from the database: pending ones by channel with the oldest's
// wait, and those given up (a page that never reached the on-call must show on a dashboard).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outgoingDeliveries } from '../../../src/db/schema.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeAll(async () => {
  t = await testCore({ paging: { severities: ['sev1'], source: 'rampart-test' } });
});
afterAll(async () => {
  await t.close();
});

describe('health snapshot: outgoing deliveries', () => {
  it('counts pending deliveries by channel with the oldest one’s wait, then the given-up ones', async () => {
    expect((await t.core.health.snapshot()).outgoing).toEqual([]);
    await t.core.declare(slackUser(RESPONDER), { title: 'Ransom note', severity: 'sev1', private: false });
    t.clock.advance(30_000);
    expect((await t.core.health.snapshot()).outgoing).toEqual([{ channel: 'pagerduty', pending: 1, oldestAgeSeconds: 30, failed: 0 }]);
    await t.database.db.update(outgoingDeliveries).set({ failedAt: t.clock.now(), lastError: 'HTTP 400' }).where(eq(outgoingDeliveries.channel, 'pagerduty'));
    expect((await t.core.health.snapshot()).outgoing).toEqual([{ channel: 'pagerduty', pending: 0, oldestAgeSeconds: 0, failed: 1 }]);
  });
});
