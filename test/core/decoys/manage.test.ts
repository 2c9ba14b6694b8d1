// Planting, listing and retiring decoys: admins only, unguessable tokens, names unique among live decoys.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';
import { DECOY_CREDENTIAL_PATTERN } from '../../../src/shared/decoy-credential.js';
import { redactFor } from '../../../src/core/redaction/apply.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const admin = slackUser(ADMIN);

describe('decoy register / list / retire', () => {
  it('registers a url decoy with a 192-bit base64url token, and lists it without the token', async () => {
    const r = await t.core.decoys.register(admin, { name: 'Payroll-Share', kind: 'url', note: 'linked from the finance wiki' });
    expect(r.decoy).toMatchObject({ name: 'payroll-share', kind: 'url', createdBy: ADMIN, retiredAt: null });
    expect(r.decoy.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(r.credential).toBeUndefined();
    const listed = await t.core.decoys.list(admin);
    expect(listed).toEqual([expect.objectContaining({ name: 'payroll-share', kind: 'url', note: 'linked from the finance wiki', hits: 0, lastHit: null })]);
    expect(JSON.stringify(listed)).not.toContain(r.decoy.token);
  });

  it('gives every decoy a different token', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) tokens.add((await t.core.decoys.register(admin, { name: `d${i}` })).decoy.token);
    expect(tokens.size).toBe(20);
  });

  it('returns a credential whose body is the token, which redaction catches', async () => {
    const r = await t.core.decoys.register(admin, { name: 'aws-backup', kind: 'credential' });
    expect(r.credential).toBe(`rk_live_${r.decoy.token}`);
    expect(redactFor({ redactPatterns: [] }, `key: ${r.credential} ok`)).toEqual({ text: 'key: [redacted: decoy-credential] ok', found: ['decoy-credential'] });
    expect(DECOY_CREDENTIAL_PATTERN.name).toBe('decoy-credential');
  });

  it('refuses a second live decoy with the same name, but allows it once the first is retired', async () => {
    await t.core.decoys.register(admin, { name: 'vpn' });
    await expect(t.core.decoys.register(admin, { name: 'VPN', kind: 'credential' })).rejects.toThrow(/already called "vpn"/);
    const retired = await t.core.decoys.retire(admin, 'vpn');
    expect(retired.retiredBy).toBe(ADMIN);
    await expect(t.core.decoys.register(admin, { name: 'vpn' })).resolves.toMatchObject({ decoy: { name: 'vpn' } });
    expect((await t.core.decoys.list(admin)).map((d) => d.name)).toEqual(['vpn']);
  });

  it('refuses bad names, kinds and notes with specific messages', async () => {
    await expect(t.core.decoys.register(admin, { name: 'has space' })).rejects.toThrow(/not a usable decoy name/);
    await expect(t.core.decoys.register(admin, { name: 'x', kind: 'dns' })).rejects.toThrow(/Kinds: url, document, credential/);
    await expect(t.core.decoys.register(admin, { name: 'x', note: 'n'.repeat(201) })).rejects.toThrow(/keep it under 200/);
    await expect(t.core.decoys.retire(admin, 'nothing')).rejects.toThrow(/No live decoy is called "nothing"/);
  });

  it('refuses non-admins, even responders, when ADMINS is set; trusts the CLI', async () => {
    for (const who of [slackUser(OUTSIDER), slackUser(RESPONDER)]) {
      await expect(t.core.decoys.register(who, { name: 'x' })).rejects.toMatchObject({ code: 'not_authorized' });
      await expect(t.core.decoys.list(who)).rejects.toMatchObject({ code: 'not_authorized' });
      await expect(t.core.decoys.retire(who, 'x')).rejects.toMatchObject({ code: 'not_authorized' });
    }
    await expect(t.core.decoys.register({ id: 'cli', source: 'cli' }, { name: 'x' })).resolves.toBeDefined();
  });
});
