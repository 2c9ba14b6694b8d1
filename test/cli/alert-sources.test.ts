// `rampart alert-sources create|list|revoke`, run in this process over a copy of the run's migrated DATA_DIR.
import { describe, expect, it } from 'vitest';
import { seededCliDataDir } from '../support/cli-data.js';

const { rampart } = seededCliDataDir('alert-sources', {}, async () => {});

describe('rampart alert-sources', () => {
  it('creates a source and prints its token once, lists it, and revokes it', async () => {
    const created = await rampart('alert-sources', 'create', 'GWS-Alerts');
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines[0]).toContain('Created alert source gws-alerts');
    expect(lines[1]).toMatch(/^rma_[A-Za-z0-9_-]{43}$/);
    const listed = await rampart('alert-sources', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^gws-alerts\s+0 alerts\s+\(created by cli/m);
    // The token is never shown again.
    expect(listed.stdout).not.toContain(lines[1]!.slice(4, 20));
    const revoked = await rampart('alert-sources', 'revoke', 'gws-alerts');
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining('Revoked alert source gws-alerts') });
    expect((await rampart('alert-sources', 'list')).stdout).toContain('No alert sources.');
  });

  it('refuses a bad name, a name in use and an unknown source in one line, exiting non-zero', async () => {
    for (const args of [
      ['create', 'two words'],
      ['revoke', 'nobody'],
    ]) {
      const r = await rampart('alert-sources', ...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await rampart('alert-sources', 'create', 'edr')).code).toBe(0);
    const taken = await rampart('alert-sources', 'create', 'edr');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('already called "edr"');
    const missing = await rampart('alert-sources', 'create');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
