// Alert sources: admins and the CLI create, list and revoke them; the token is shown once and only its hash is kept.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { emptyTestDatabase } from '../../support/db.js';
import { isAppError } from '../../../src/shared/errors.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeAll(async () => {
  t = await testCore();
});
afterEach(async () => {
  await emptyTestDatabase(t.database);
});
afterAll(async () => {
  await t.close();
});

const admin = slackUser(ADMIN);
const cli = { id: 'cli', source: 'cli' } as const;

async function rows(query: string): Promise<Record<string, unknown>[]> {
  return ((await t.database.db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

describe('alert sources', () => {
  it('creates a source with a high-entropy token, storing only its SHA-256 and who created it', async () => {
    const { source, token } = await t.core.alerts.createSource(admin, 'Workspace-Alerts');
    expect(token).toMatch(/^rma_[A-Za-z0-9_-]{43}$/);
    expect(source).toMatchObject({ name: 'workspace-alerts', createdBy: ADMIN, revokedAt: null });
    const [row] = await rows(`select * from alert_sources`);
    expect(row!.token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(await t.core.alerts.authenticate(token)).toEqual({ id: source.id, name: 'workspace-alerts' });
    // A second source gets another token.
    expect((await t.core.alerts.createSource(cli, 'edr')).token).not.toBe(token);
  });

  it('lets only admins (and the CLI) manage sources, refusing a responder', async () => {
    await expect(t.core.alerts.createSource(slackUser(RESPONDER), 'edr')).rejects.toSatisfy((e) => isAppError(e, 'not_authorized'));
    await expect(t.core.alerts.listSources(slackUser(RESPONDER))).rejects.toSatisfy((e) => isAppError(e, 'not_authorized'));
    expect(await rows(`select * from alert_sources`)).toEqual([]);
  });

  it('refuses a bad name, a name in use and a name that is a secret, writing nothing', async () => {
    await expect(t.core.alerts.createSource(cli, 'no spaces please')).rejects.toThrow(/not a usable source name/);
    await t.core.alerts.createSource(cli, 'edr');
    await expect(t.core.alerts.createSource(cli, 'EDR')).rejects.toThrow(/already called "edr"/);
    await expect(t.core.alerts.createSource(cli, 'ghp_abcdefghijklmnopqrstuvwxyz0123456789')).rejects.toThrow(/looks like a secret/);
    expect((await rows(`select name from alert_sources`)).map((r) => r.name)).toEqual(['edr']);
  });

  it('revokes a source: its token stops working, the revoker is recorded and the name is free again', async () => {
    const { token } = await t.core.alerts.createSource(cli, 'uptime');
    t.clock.advance(60_000);
    const revoked = await t.core.alerts.revokeSource(admin, 'uptime');
    expect(revoked).toMatchObject({ revokedBy: ADMIN, revokedAt: t.clock.now() });
    expect(await t.core.alerts.authenticate(token)).toBeUndefined();
    await expect(t.core.alerts.receive(token, { title: 'x' })).rejects.toSatisfy((e) => isAppError(e, 'not_authenticated'));
    await expect(t.core.alerts.revokeSource(cli, 'uptime')).rejects.toThrow(/No live alert source is called "uptime"/);
    const again = await t.core.alerts.createSource(cli, 'uptime');
    expect(await t.core.alerts.listSources(cli)).toEqual([expect.objectContaining({ id: again.source.id, name: 'uptime', alerts: 0, lastAlert: null })]);
  });

  it('lists live sources with their alert counts', async () => {
    const { token } = await t.core.alerts.createSource(cli, 'edr');
    await t.core.alerts.createSource(cli, 'backup');
    await t.core.alerts.receive(token, { title: 'Ransomware behaviour on LAPTOP-7' });
    const listed = await t.core.alerts.listSources(admin);
    expect(listed.map((s) => [s.name, s.alerts])).toEqual([
      ['backup', 0],
      ['edr', 1],
    ]);
    expect(listed[1]!.lastAlert).toEqual(t.clock.now());
  });

  it('does not authenticate strings that are not tokens, nor an unknown token', async () => {
    expect(await t.core.alerts.authenticate('')).toBeUndefined();
    expect(await t.core.alerts.authenticate('rma_short')).toBeUndefined();
    expect(await t.core.alerts.authenticate(`rma_${'A'.repeat(43)}`)).toBeUndefined();
  });
});
