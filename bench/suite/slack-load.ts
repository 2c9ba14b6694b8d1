// Load as Slack sends it: autocannon keeps N requests in flight for a while, each body new (a declare's title and
// trigger, a message's event_id and ts) and signed as Slack signs (v0 HMAC-SHA256 of `v0:<ts>:<body>`), because
// Rampart refuses a signature it has seen before and stores each event id once. Every answer is checked, so a run
// of fast errors cannot pass for a fast bot: non-2xx answers and error replies are counted and a few kept to print.
import autocannon from 'autocannon';
import { signSlackRequest } from '../../src/sandbox/emulator/signing.js';
import { eventCallback, slashCommandForm } from '../../src/sandbox/emulator/payloads.js';
import { TEAM_ID } from '../../src/sandbox/emulator/constants.js';
import type { EmuChannel, EmuUser } from '../../src/sandbox/emulator/types.js';

/** Who sends the requests, where, and with which secret. */
export interface SlackSide {
  signingSecret: string;
  user: EmuUser;
  channel: EmuChannel;
  /** Where a slash command's response_url points (the emulator's, for Rampart). */
  responseUrlBase: string;
}

/** One load run's figures and problems. */
export interface LoadResult {
  perSecond: number;
  p99Ms: number;
  maxMs: number;
  /** Answers that were 2xx and, for declares, said the incident is recorded. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** 2xx answers whose body was not the expected reply. */
  errorReplies: number;
  /** The first few problems, to print. */
  examples: string[];
}

/** What to send and what to expect back. */
export interface Requests {
  /** The n-th request's body and content type. */
  body: (n: number) => { body: string; contentType: string };
  /** Whether a 2xx answer's body is the reply expected. */
  expected: (body: string) => boolean;
}

/** The bot's reply once a declare is committed (Rampart's words, which the bare baseline copies). */
const DECLARED = /\*INC-\d+\* is recorded/;

/** `/incident declare` requests, each with its own title and trigger id; the reply must say the incident is recorded. */
export function declares(side: SlackSide, run: string): Requests {
  const body = (n: number) => ({
    contentType: 'application/x-www-form-urlencoded',
    body: slashCommandForm({
      user: side.user,
      channel: side.channel,
      command: '/incident',
      text: `declare Burst ${run}-${n}: phishing mail reported by finance --sev3`,
      responseUrl: `${side.responseUrlBase}/bench-${run}-${n}`,
      triggerId: `${run}.${n}.bench`,
    }),
  });
  return { body, expected: (reply) => DECLARED.test(reply) };
}

/** Message events of ordinary text (over 32 characters, no decoy in it), each with its own event_id and ts. */
export function messages(side: SlackSide, run: string): Requests {
  const base = Math.floor(Date.now() / 1000);
  const body = (n: number) => {
    const ts = `${base}.${String(n).padStart(6, '0')}`;
    const event = { type: 'message', text: `Could someone look at the deploy logs for service ${n}, please? It failed twice.`, user: side.user.id, ts, team: TEAM_ID, channel: side.channel.id, event_ts: ts, channel_type: 'channel' };
    return { contentType: 'application/json', body: JSON.stringify(eventCallback(event, `Ev${run}${n}`, base)) };
  };
  return { body, expected: () => true };
}

/** Keeps `connections` requests in flight against `${url}/slack/events` for durationS seconds. */
export async function drive(url: string, secret: string, load: Requests & { connections: number; durationS: number }): Promise<LoadResult> {
  let n = 0;
  let ok = 0;
  let errorReplies = 0;
  const examples: string[] = [];
  const note = (problem: string) => {
    if (examples.length < 5) examples.push(problem.slice(0, 300));
  };
  const result = await autocannon({
    url: `${url}/slack/events`,
    connections: load.connections,
    duration: load.durationS,
    requests: [
      {
        setupRequest: (request) => {
          const { body, contentType } = load.body(n++);
          // Signed when built, which is just before it is sent: Rampart allows five minutes either way.
          const ts = Math.floor(Date.now() / 1000);
          return { ...request, method: 'POST', body, headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(secret, ts, body) } };
        },
        onResponse: (status, body) => {
          if (status < 200 || status > 299) return note(`HTTP ${status}: ${body}`);
          if (load.expected(body)) {
            ok += 1;
          } else {
            errorReplies += 1;
            note(`error reply: ${body}`);
          }
        },
      },
    ],
  });
  if (result.errors > 0) note(`${result.errors} connection errors, ${result.timeouts} timeouts`);
  // autocannon counts a request still unanswered at the end as nothing at all, so a hung server would look idle.
  if (ok === 0) note('not one good answer in the whole run');
  return { perSecond: ok / result.duration, p99Ms: result.latency.p99, maxMs: result.latency.max, ok, non2xx: result.non2xx, errors: result.errors, errorReplies, examples };
}
