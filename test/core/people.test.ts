// The people cache: names are looked up once, refreshed when old, redacted like any text people write, and reports
// show "Name (U…)" in human formats while machine formats keep the ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { PeopleDirectory, Profile } from '../../src/core/people/directory.js';
import { PROFILE_MAX_AGE_MS } from '../../src/core/people/directory.js';
import { renderReport } from '../../src/core/reports/formats/index.js';
import { slackProfiles } from '../../src/db/schema.js';
import { collect } from '../support/report-fixture.js';
import { RESPONDER, slackUser, testCore } from '../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeAll(async () => {
  t = await testCore();
});
afterAll(async () => {
  await t.close();
});

/** A directory that knows some people and counts its lookups. */
function aDirectory(known: Record<string, Profile>) {
  const asked: string[] = [];
  const directory: PeopleDirectory = {
    lookup: async (id) => {
      asked.push(id);
      return known[id] ?? null;
    },
  };
  return { directory, asked };
}

describe('people cache', () => {
  it('looks a person up once, then again only when the entry is older than a week', async () => {
    const { directory, asked } = aDirectory({ U0CACHE01: { name: 'Alice Martin', realName: 'Alice Martin' } });
    await t.core.people.notice(directory, ['U0CACHE01', 'cli', 'rampart']);
    await t.core.people.notice(directory, ['U0CACHE01']);
    expect(asked).toEqual(['U0CACHE01']);
    expect(await t.core.people.names(['U0CACHE01', 'U0NOBODY1'])).toEqual(new Map([['U0CACHE01', 'Alice Martin']]));
    t.clock.advance(PROFILE_MAX_AGE_MS + 1);
    const renamed = aDirectory({ U0CACHE01: { name: 'Alice M.', realName: 'Alice Martin' } });
    await t.core.people.notice(renamed.directory, ['U0CACHE01']);
    expect(renamed.asked).toEqual(['U0CACHE01']);
    expect((await t.core.people.names(['U0CACHE01'])).get('U0CACHE01')).toBe('Alice M.');
  });

  it('remembers people the directory does not know, without a name, so it does not ask again at once', async () => {
    const { directory, asked } = aDirectory({});
    await t.core.people.notice(directory, ['U0GONE001']);
    await t.core.people.notice(directory, ['U0GONE001']);
    expect(asked).toEqual(['U0GONE001']);
    expect(await t.core.people.names(['U0GONE001'])).toEqual(new Map());
  });

  it('stores names through the redaction step: a secret in a display name is not kept', async () => {
    const { directory } = aDirectory({ U0SECRET1: { name: 'Bob ghp_0123456789abcdefghijABCDEFGHIJ012345', realName: 'Bob' } });
    await t.core.people.notice(directory, ['U0SECRET1']);
    const [row] = await t.database.db.select().from(slackProfiles).where(eq(slackProfiles.userId, 'U0SECRET1'));
    expect(row!.name).not.toContain('ghp_0123456789');
  });

  it('reports name people in Markdown and HTML, and keep bare ids (names beside them) in JSON and CSV', async () => {
    const { directory } = aDirectory({ [RESPONDER]: { name: 'Rita <Responder>', realName: 'Rita' } });
    await t.core.people.notice(directory, [RESPONDER]);
    await t.core.declare(slackUser(RESPONDER), { title: 'Phish' });
    await t.core.addNote(slackUser(RESPONDER), 'INC-1', 'looking');
    const render = async (format: Parameters<typeof renderReport>[0]) => collect(renderReport(format, (await t.core.report(slackUser(RESPONDER), 'INC-1')).source));
    const md = await render('md');
    expect(md).toContain(`| Rita &lt;Responder> (${RESPONDER}) | reporter`);
    expect(md).toMatch(new RegExp(`\\| Rita &lt;Responder> \\(${RESPONDER}\\) \\| \`note_added\` Note: looking \\|`));
    const html = await render('html');
    expect(html).toContain(`Rita &lt;Responder&gt; (${RESPONDER})`);
    const json = JSON.parse(await render('json')) as { incident: { reporter: string }; names: Record<string, string>; events: { actor: string }[] };
    expect(json.incident.reporter).toBe(RESPONDER);
    expect(json.events.every((e) => e.actor === RESPONDER)).toBe(true);
    expect(json.names).toEqual({ [RESPONDER]: 'Rita <Responder>' });
    expect(await render('csv')).not.toContain('Rita');
  });
});
