// Real Slack payloads (the shared corpora's fixtures), first sent as they are, then with our own ids put in so they
// reach our listeners, then mutated. The unmutated ones must pass the edge checks: the checks refuse only what Slack
// would never send. Skipped, with a note, when the corpora are absent.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BotRequest } from '../../src/sandbox/emulator/transport.js';
import { BUTTON, CALLBACK } from '../../src/slack/ids.js';
import { haveSlackCorpora, payloadFixtureNames, readSlackCorpus } from '../support/corpora.js';
import { expectHandled, passesEdge, startFuzzBot, type FuzzBot } from './harness.js';
import { FUZZ_SCALE, fuzzRuns } from './budget.js';
import { mutated } from './mutate.js';
import { inOurWorkspace } from '../support/workspace.js';

// An HTTP round trip per run, hundreds in a soak: past the default per-test timeout on a loaded machine.
vi.setConfig({ testTimeout: 60_000 * FUZZ_SCALE });

const HAVE_CORPORA = haveSlackCorpora('fuzzing real Slack payload fixtures');

/** A fixture as the request Slack sends: a slash command form as is, events as JSON, interactions as payload=. */
function requestFor(fixture: unknown): BotRequest {
  if (typeof fixture === 'string') return { body: fixture, contentType: 'application/x-www-form-urlencoded' };
  const body = fixture as Record<string, unknown>;
  if (body.event !== undefined || body.type === 'url_verification') return { body: JSON.stringify(body), contentType: 'application/json' };
  return { body: new URLSearchParams({ payload: JSON.stringify(body) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Reply URLs pointed at the emulator: the fixtures' hooks.slack.com must not be called from a test. */
function hermetic(fixture: unknown, replyUrl: string): unknown {
  if (typeof fixture === 'string') {
    const form = new URLSearchParams(fixture);
    if (form.has('response_url')) form.set('response_url', replyUrl);
    return form.toString();
  }
  const body = structuredClone(fixture) as Record<string, unknown>;
  if ('response_url' in body) body.response_url = replyUrl;
  if (Array.isArray(body.response_urls)) body.response_urls = body.response_urls.map((r: object) => ({ ...r, response_url: replyUrl }));
  return body;
}

/** The fixture in our workspace, with one of our ids in the place Bolt routes by, so it reaches our listener. */
function withOurIds(fixture: unknown, pick: number): unknown {
  if (typeof fixture === 'string') {
    const form = new URLSearchParams(inOurWorkspace(fixture));
    form.set('command', ['/incident', '/awareness', '/decoy'][pick % 3]!);
    return form.toString();
  }
  const body = inOurWorkspace(fixture as Record<string, unknown>) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a fixture of any shape
  const buttons = Object.values(BUTTON);
  const callbacks = Object.values(CALLBACK);
  if (Array.isArray(body.actions) && body.actions[0]) body.actions[0].action_id = buttons[pick % buttons.length];
  if (body.view) body.view.callback_id = callbacks[pick % callbacks.length];
  if (typeof body.callback_id === 'string') body.callback_id = CALLBACK.reportMessageShortcut;
  if (body.event) body.event.type = ['message', 'reaction_added', 'pin_added'][pick % 3];
  return body;
}

describe.skipIf(!HAVE_CORPORA)('real Slack payload fixtures', () => {
  let f: FuzzBot;
  let fixtures: unknown[];
  beforeAll(async () => {
    f = await startFuzzBot();
    fixtures = payloadFixtureNames().map((name) => hermetic(readSlackCorpus(`payload-fixtures/${name}`), `${f.bot.emu.apiUrl}nowhere`));
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  it('passes every fixture through the edge checks, and handles each cleanly', async () => {
    expect(fixtures.length).toBeGreaterThan(5);
    for (const fixture of fixtures) {
      const request = requestFor(fixture);
      expect(passesEdge(request), JSON.stringify(fixture).slice(0, 200)).toBe(true);
      f.clearProblems();
      expectHandled(f, await f.send(request));
    }
  });

  it('handles fixtures carrying our ids, mutated, without errors and without writing', async () => {
    const before = await f.rowCounts();
    const arb = fc.tuple(fc.integer({ min: 0, max: fixtures.length - 1 }), fc.nat()).chain(([i, pick]) => {
      const base = withOurIds(fixtures[i], pick);
      return typeof base === 'string' ? fc.constant(base) : mutated(fc.constant(base), 3);
    });
    await fc.assert(
      fc.asyncProperty(arb, async (fixture) => {
        f.clearProblems();
        expectHandled(f, await f.send(requestFor(fixture)));
        expect(await f.rowCounts()).toEqual(before);
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
