// Fuzzing every kind of request Slack can send, against the real running bot over signed HTTP: slash commands,
// interactions (block_actions, view_submission, shortcuts) and Events API deliveries, with missing fields, wrong
// types, huge and hostile strings, unknown ids and our own ids with bad values. Each answer must come within the ack
// deadline as a 200 (a clear reply or an empty ack) or a 4xx, with no error inside and not one row written.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors.js';
import { ACTION, BLOCK, BUTTON, CALLBACK } from '../../src/slack/ids.js';
import { envelopeProblem } from '../../src/slack/parse/envelope.js';
import { foreignRequestProblem } from '../../src/slack/installation.js';
import { parseIncidentCommand } from '../../src/slack/parse/command.js';
import type { BotRequest } from '../../src/sandbox/emulator/transport.js';
import { anyText, hugeText } from './arbitraries.js';
import { FUZZ_SCALE, fuzzRuns } from './budget.js';
import { expectHandled, passesEdge, startFuzzBot, type FuzzBot } from './harness.js';
import { mutated, wrongValue } from './mutate.js';

// An HTTP round trip per run, hundreds per property in a soak: past the default per-test timeout on a loaded machine.
vi.setConfig({ testTimeout: 60_000 * FUZZ_SCALE });

let f: FuzzBot;
let rowsBefore: Record<string, number>;
beforeAll(async () => {
  f = await startFuzzBot();
}, 60_000);
afterAll(async () => {
  await f?.close();
});
beforeEach(async () => {
  rowsBefore = await f.rowCounts();
});

const form = (entries: [string, string][]): BotRequest => ({ body: new URLSearchParams(entries).toString(), contentType: 'application/x-www-form-urlencoded' });
const interaction = (payload: unknown): BotRequest => form([['payload', JSON.stringify(payload)]]);
const event = (body: unknown): BotRequest => ({ body: JSON.stringify(body), contentType: 'application/json' });

/**
 * Sends each generated request (`runs` of them at the default budget, see budget.ts); every one must be handled
 * cleanly and leave every table as it was. At least `minReaching` of them must get past the edge checks to the
 * listeners, so the property is not won at the door.
 */
async function fuzz<T>(arb: fc.Arbitrary<T>, toRequest: (v: T) => BotRequest, runs: number, minReaching = 0.25): Promise<void> {
  const numRuns = fuzzRuns(runs);
  let reaching = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      f.clearProblems();
      const request = toRequest(value);
      if (passesEdge(request)) reaching += 1;
      const reply = await f.send(request);
      expectHandled(f, reply);
      expect(await f.rowCounts()).toEqual(rowsBefore);
    }),
    { numRuns },
  );
  expect(reaching, `${reaching} of ${numRuns} requests got past the edge`).toBeGreaterThanOrEqual(fewestReaching(numRuns, minReaching));
}

/**
 * The fewest of `n` random requests that may reach the listeners when a share `p` of what the generator draws does:
 * fewer would happen less than once in 10,000 runs. A share checked on a few dozen requests, as `npm test` sends,
 * swings by a third from run to run (the slash commands' 30 % against their 25 %), so the bound is a binomial tail:
 * a few dozen requests prove that some reach the listeners; a soak's hundreds hold the share itself near `p`.
 */
function fewestReaching(n: number, p: number): number {
  if (p <= 0) return 0;
  let k = 0;
  let probability = (1 - p) ** n; // of exactly k reaching
  let tail = probability; // of k or fewer
  while (tail < 1e-4 && k < n) {
    probability *= ((n - k) / (k + 1)) * (p / (1 - p));
    k += 1;
    tail += probability;
  }
  return k;
}

// People who may not see the private INC-1 nor change anything: staff, made-up ids, and garbage.
const outsider = () => fc.oneof(fc.constant(f.bot.staff.id), fc.stringMatching(/^[UW][A-Z0-9]{1,10}$/).filter((id) => id !== f.bot.lead.id), anyText);
const channel = () => fc.oneof(fc.constantFrom(f.bot.general.id, f.incidentChannel, 'C0NOPE', ''), anyText);

/** What anyone may write from inside an incident's channel, whose members Slack vouches for (see authorize.ts). */
const VIEWER_WRITES: ReadonlySet<string> = new Set(['note', 'lesson', 'correct']);

/** True when the text would write for anyone: a declaration anywhere, a note, lesson or correction in INC-1's channel. */
function writesForAnyone(text: string, inIncidentChannel: boolean): boolean {
  try {
    const { sub } = parseIncidentCommand(text);
    return sub === 'declare' || (inIncidentChannel && VIEWER_WRITES.has(sub));
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

describe('slash commands with fuzzed forms', () => {
  const fields = () =>
    fc.record({
      token: fc.constant('x'),
      team_id: fc.constant(f.bot.emu.teamId),
      channel_id: channel(),
      user_id: outsider(),
      command: fc.constantFrom('/incident', '/awareness', '/decoy', '/INCIDENT', '/nope', 'incident', ''),
      text: fc.oneof({ weight: 5, arbitrary: anyText }, { weight: 1, arbitrary: hugeText }),
      response_url: fc.constantFrom(`${f.bot.emu.apiUrl}nowhere`, ''),
      trigger_id: fc.oneof(fc.constant('1.2.3'), anyText),
    });
  // Fields dropped, repeated (which Bolt turns into an array) or added.
  const formEntries = () =>
    fc
      .tuple(fields(), fc.array(fc.tuple(fc.constantFrom('drop', 'repeat', 'extra'), fc.constantFrom('text', 'user_id', 'command', 'channel_id', 'trigger_id', 'team_id', 'other'), anyText), { maxLength: 2 }))
      .map(([record, edits]) => {
        let entries = Object.entries(record) as [string, string][];
        for (const [op, key, value] of edits) {
          if (op === 'drop') entries = entries.filter(([k]) => k !== key);
          else entries.push([op === 'extra' ? `x_${key}` : key, value]);
        }
        return entries;
      })
      .filter((entries) => {
        const inIncidentChannel = entries.some(([k, v]) => k === 'channel_id' && v === f.incidentChannel);
        return !entries.some(([k, v]) => k === 'text' && writesForAnyone(v, inIncidentChannel));
      });

  it('answers every malformed or hostile /incident, /awareness and /decoy request cleanly and writes nothing', async () => {
    await fuzz(formEntries(), form, 60);
  });
});

describe('interactions with fuzzed payloads', () => {
  const head = (type: string) => ({ type, user: { id: f.bot.staff.id, username: 'staff', team_id: f.bot.emu.teamId }, api_app_id: 'A0RAMPART', token: 'x', team: { id: f.bot.emu.teamId, domain: 'rampart-sandbox' } });
  // Values of our own buttons, wrong: bad formats, runs and incidents that do not exist, numbers past int4.
  const badValue = fc.oneof(
    anyText,
    fc.constantFrom('', '1:1', '0:0:0', '999:1:1', '1:999:1', '99999999999:1:1', '1:1:99999999999999999999', '-1:1:1', 'INC-999 phishing', 'INC-1 no-such-playbook', 'INC-99999999999', 'INC-0'),
  );
  const blockActions = () =>
    mutated(
      fc.record({
        actionId: fc.oneof(fc.constantFrom(...Object.values(BUTTON)), anyText),
        value: badValue,
        user: outsider(),
        channel: channel(),
      }).map(({ actionId, value, user, channel: ch }) => ({
        ...head('block_actions'),
        user: { id: user, username: 'someone' },
        container: { type: 'message', message_ts: '1700000000.000100', channel_id: ch, is_ephemeral: false },
        trigger_id: '1.2.3',
        channel: { id: ch, name: 'x' },
        message: { type: 'message', ts: '1700000000.000100', text: 'hi', blocks: [] },
        state: { values: {} },
        response_url: `${f.bot.emu.apiUrl}nowhere`,
        actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1700000000.1' }],
      })),
    );

  it('answers block_actions for our buttons with bad values, and unknown ones, cleanly and writes nothing', async () => {
    await fuzz(blockActions(), interaction, 40);
  });

  const metadata = fc.oneof(
    anyText,
    wrongValue.map((v) => JSON.stringify(v)),
    fc.constantFrom('{"ref":"INC-1"}', '{"ref":"INC-999","channel":"C1"}', '{"runId":999,"step":1,"seenVersion":1}', '{"runId":1e20,"step":1}', '{"ref":{"x":1}}'),
    fc.record({ originChannel: wrongValue, source: fc.oneof(wrongValue, fc.record({ channel: wrongValue, ts: wrongValue, author: wrongValue, text: wrongValue, permalink: wrongValue })) }).map((m) => JSON.stringify(m)),
  );
  const views = () =>
    mutated(
      fc.record({
        callbackId: fc.oneof(fc.constantFrom(...Object.values(CALLBACK).filter((c) => c !== CALLBACK.declareModal)), anyText),
        metadata,
        user: outsider(),
        values: fc.dictionary(fc.oneof(fc.constantFrom('reason', 'assignee', 'note', 'confirm', 'tip_title', 'tip_body', 'review_summary', 'review_item_0_text'), anyText), fc.dictionary(fc.string({ maxLength: 20 }), fc.record({ type: fc.constant('plain_text_input'), value: fc.oneof({ weight: 3, arbitrary: anyText }, { weight: 1, arbitrary: wrongValue }) }), { maxKeys: 2 }), { maxKeys: 4 }),
      }).map(({ callbackId, metadata: meta, user, values }) => ({
        ...head('view_submission'),
        user: { id: user },
        trigger_id: '1.2.3',
        view: { id: 'V0NOPE', type: 'modal', callback_id: callbackId, private_metadata: meta, hash: 'h', state: { values }, blocks: [] },
        response_urls: [],
      })),
    );

  it('answers view submissions of our modals with bad metadata and values, and unknown ones, cleanly and writes nothing', async () => {
    await fuzz(views(), interaction, 40);
  });

  // Anyone may declare, so a declaration may be written: the property is that nothing crashes, a refusal (inline
  // errors, or a body refused at the edge) writes nothing, and an accepted one writes exactly one incident.
  type DeclareFields = { title: unknown; description: unknown; type: unknown; severity: unknown; metadata: string };
  const declareSubmission = (v: DeclareFields) => ({
    ...head('view_submission'),
    user: { id: f.bot.staff.id },
    trigger_id: '1.2.3',
    view: {
      id: 'V0NOPE',
      type: 'modal',
      callback_id: CALLBACK.declareModal,
      private_metadata: v.metadata,
      state: {
        values: {
          [BLOCK.title]: { [ACTION.title]: { type: 'plain_text_input', value: v.title } },
          [BLOCK.description]: { [ACTION.description]: { type: 'plain_text_input', value: v.description } },
          [BLOCK.type]: { [ACTION.type]: { type: 'static_select', selected_option: { value: v.type } } },
          [BLOCK.severity]: { [ACTION.severity]: { type: 'static_select', selected_option: { value: v.severity } } },
        },
      },
    },
  });
  const declarations = () =>
    mutated(
      fc.record({ title: fc.oneof(anyText, hugeText, wrongValue), description: fc.oneof(anyText, wrongValue), type: fc.oneof(fc.constantFrom('phishing', 'other'), anyText, wrongValue), severity: fc.oneof(fc.constantFrom('sev1', 'sev4'), anyText, wrongValue), metadata }).map(declareSubmission),
      2,
    );
  // One of each outcome runs before the random submissions, so both branches below run at any budget: a few dozen
  // random ones are often all refused (only about one in five even gets to the declare listener).
  const plain = { title: 'Phishing wave in finance', description: 'Mail from a fake IT desk', type: 'phishing', severity: 'sev4', metadata: '' };
  const declareExamples = (): [ReturnType<typeof declareSubmission>][] => [[declareSubmission(plain)], [declareSubmission({ ...plain, type: 'no-such-type' })]];

  it('answers declare-modal submissions with hostile fields with inline errors (writing nothing) or one incident', async () => {
    let declared = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(declarations(), async (submission) => {
        const before = await f.rowCounts();
        f.clearProblems();
        const reply = await f.send(interaction(submission));
        expectHandled(f, reply);
        const after = await f.rowCounts();
        const answer = reply.json as { response_action?: string } | undefined;
        // A mutation may also have taken away what routes it to the declare listener at all, or our workspace's ids.
        const routed = submission.type === 'view_submission' && (submission.view as { callback_id?: unknown } | undefined)?.callback_id === CALLBACK.declareModal;
        const ours = { teamId: f.bot.emu.teamId, appId: f.bot.emu.appId, isEnterpriseInstall: false };
        if (!routed || answer?.response_action === 'errors' || envelopeProblem(submission) !== undefined || foreignRequestProblem(submission, ours) !== undefined) {
          expect(after).toEqual(before);
          refused += 1;
        } else {
          expect(after.incidents).toBe(before.incidents! + 1);
          declared += 1;
        }
      }),
      { numRuns: fuzzRuns(40), examples: declareExamples() },
    );
    // Both branches ran, so neither check above is vacuous.
    expect({ declared: declared > 0, refused: refused > 0 }).toEqual({ declared: true, refused: true });
  });

  const shortcuts = () =>
    mutated(
      fc.record({ type: fc.constantFrom('message_action', 'shortcut'), callbackId: fc.oneof(fc.constant(CALLBACK.reportMessageShortcut), anyText), user: outsider(), channel: channel(), text: anyText }).map(({ type, callbackId, user, channel: ch, text }) => ({
        ...head(type),
        user: { id: user },
        callback_id: callbackId,
        trigger_id: '1.2.3',
        action_ts: '1700000000.1',
        ...(type === 'message_action' ? { channel: { id: ch, name: 'x' }, message_ts: '1700000000.000100', message: { type: 'message', user, ts: '1700000000.000100', text }, response_url: `${f.bot.emu.apiUrl}nowhere` } : {}),
      })),
    );

  it('answers message and global shortcuts, ours with bad shapes and unknown ones, cleanly and writes nothing', async () => {
    await fuzz(shortcuts(), interaction, 40);
  });

  it('answers payloads of unknown or missing type, and payloads that are not JSON, cleanly and writes nothing', async () => {
    const odd = fc.oneof(
      fc.constantFrom('block_suggestion', 'view_closed', 'interactive_message', 'dialog_submission', 'workflow_step_edit', '', 'nonsense').map((type) => interaction({ ...head(type), view: { callback_id: CALLBACK.review } })),
      wrongValue.map((v) => interaction(v)),
      anyText.map((raw) => form([['payload', raw]])),
    );
    await fuzz(odd, (r) => r, 20, 0);
  });
});

describe('Events API deliveries with fuzzed bodies', () => {
  const envelope = (ev: unknown, id: string) => ({ token: 'x', team_id: f.bot.emu.teamId, api_app_id: 'A0RAMPART', type: 'event_callback', event_id: id, event_time: 1700000000, event: ev });
  // The events we subscribe to, in channels without an incident (or with reactions that are not pins in INC-1's).
  const reaction = () => fc.record({ user: outsider(), ch: channel().filter((c) => c !== f.incidentChannel), reaction: fc.constantFrom('pushpin', 'round_pushpin', 'thumbsup', '') }).map(({ user, ch, reaction: r }) => ({
    type: 'reaction_added',
    user,
    reaction: r,
    item_user: user,
    item: { type: 'message', channel: ch, ts: '1700000000.000100' },
    event_ts: '1700000000.1',
  }));
  const pin = () => fc.record({ user: outsider(), ch: channel().filter((c) => c !== f.incidentChannel), text: anyText }).map(({ user, ch, text }) => ({
    type: 'pin_added',
    user,
    channel_id: ch,
    item: { type: 'message', channel: ch, message: { type: 'message', user, text, ts: '1700000000.000100' } },
    event_ts: '1700000000.1',
  }));
  const notAPin = () => fc.constantFrom('thumbsup', 'memo').map((r) => ({ type: 'reaction_added', user: 'U0NOPE', reaction: r, item: { type: 'message', channel: f.incidentChannel, ts: '1.2' } }));
  // Messages are read for pasted decoy credentials: long texts, every subtype, from people and bots.
  const message = () =>
    fc.record({ user: outsider(), channel: channel(), text: fc.oneof(anyText, hugeText), subtype: fc.constantFrom(undefined, 'file_share', 'thread_broadcast', 'message_changed', 'bot_message'), ts: fc.constantFrom('1700000000.000100', '', 'x') }).map((m) => ({ type: 'message', ...m }));
  const other = fc.record({ type: fc.oneof(fc.constantFrom('message', 'app_mention', 'member_joined_channel', 'pin_removed', 'reaction_removed'), anyText), text: anyText });

  it('answers events of every subscribed type with wrong shapes, and unknown events, cleanly and writes nothing', async () => {
    const events = fc.tuple(mutated(fc.oneof(reaction(), pin(), notAPin(), message(), other)), fc.stringMatching(/^Ev[A-Z0-9]{6,10}$/)).map(([ev, id]) => envelope(ev, id));
    await fuzz(mutated(events, 2), event, 40);
  });

  it('answers url_verification with any challenge, and JSON that is not an event, without errors', async () => {
    const bodies = fc.oneof(
      wrongValue.map((challenge) => JSON.stringify({ type: 'url_verification', token: 'x', challenge })),
      wrongValue.map((v) => JSON.stringify(v)),
      anyText,
    );
    await fuzz(bodies, (body) => ({ body, contentType: 'application/json' }), 20, 0);
  });
});
