// The fuzzing harness: the real bot (startRampart + the Slack emulator) with a log that records every error, a
// watch on unhandled rejections and uncaught exceptions, and row counts of every table so a run can prove that a
// refused request wrote nothing.
import { parse } from 'node:querystring';
import { Writable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { expect } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { BotRequest } from '../../src/sandbox/emulator/transport.js';
import type { BotReply } from '../../src/sandbox/emulator/types.js';
import { envelopeProblem } from '../../src/slack/parse/envelope.js';
import { channelOf } from '../support/slack-state.js';
import { startTestBot, type TestBot } from '../support/slack.js';

/** A bot under fuzzing and what it has done wrong so far. */
export interface FuzzBot {
  bot: TestBot;
  /** The seeded private incident's channel (INC-1): deep enough for our ids to reach the database. */
  incidentChannel: string;
  /** Error-level log lines, unhandled rejections and uncaught exceptions since the last clearProblems(). */
  problems: string[];
  clearProblems(): void;
  /** Sends one request and waits for the follow-up work it started. */
  send(request: BotRequest): Promise<BotReply>;
  /** Rows per table of the public schema. */
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

interface LogRecord {
  level: number;
  msg?: string;
  err?: { type?: string };
}

/**
 * Slack refusing what a fuzzed request made the bot ask (views.open with a made-up trigger_id, a post to a made-up
 * response_url) is Slack's answer, which the bot reports as it would any Slack failure; it is not our crash.
 */
const SLACK_REFUSALS = new Set(['WebAPIPlatformError', 'AxiosError']);

/** An error logged by the bot, other than Slack refusing the follow-up work of a fuzzed request. */
function isProblem(record: LogRecord): boolean {
  return record.level >= 50 && !SLACK_REFUSALS.has(record.err?.type ?? '');
}

/** Starts the bot with one private incident, INC-1, declared by the responder `lead`. */
export async function startFuzzBot(): Promise<FuzzBot> {
  const problems: string[] = [];
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString();
      if (isProblem(JSON.parse(line) as LogRecord)) problems.push(line);
      done();
    },
  });
  const onRejection = (reason: unknown) => problems.push(`unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`);
  const onException = (err: Error) => problems.push(`uncaught exception: ${err.stack ?? err.message}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);

  const bot = await startTestBot({ logger: createLogger('warn', log) });
  const declared = await bot.incident('declare Seeded private incident --sev3 --private');
  expect(declared.status).toBe(200);
  const channel = await channelOf(bot);
  const database = bot.database;
  let deliveries = 0;
  return {
    bot,
    incidentChannel: channel.id,
    problems,
    clearProblems: () => void problems.splice(0),
    async send(request) {
      // Each send is a new delivery, which Slack signs anew: a property (or its shrinking) sending the same body twice
      // in one second would otherwise repeat a signature and be refused as a replay.
      const timestampSeconds = request.timestampSeconds ?? (request.signature === undefined ? Math.floor(Date.now() / 1000) - (deliveries++ % 200) : undefined);
      const reply = await bot.emu.sendRaw({ ...request, ...(timestampSeconds !== undefined ? { timestampSeconds } : {}) });
      await bot.rampart.idle();
      return reply;
    },
    async rowCounts() {
      // Both drivers answer with `rows`; the shared Db type leaves the result untyped.
      const rowsOf = async <T>(query: SQL) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
      // accepted_slack_signatures is the edge's memory of every validly signed request (refused ones included),
      // written before any listener runs: it says nothing about what a request's content made the bot do.
      // slack_profiles is the cache of people's names, filled after a request is handled (a valid `/incident list`
      // among the fuzzed ones); a refused request fills nothing (test/slack/people-names.test.ts).
      const tables = await rowsOf<{ tablename: string }>(
        sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('accepted_slack_signatures', 'slack_profiles') order by tablename`,
      );
      const union = tables.map((t) => `select '${t.tablename}' as t, count(*)::int as n from public."${t.tablename}"`).join(' union all ');
      const counts = await rowsOf<{ t: string; n: number }>(sql.raw(union));
      return Object.fromEntries(counts.map((r) => [r.t, Number(r.n)]));
    },
    async close() {
      await bot.close();
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** Whether a request gets past the edge checks to Bolt's routing (parsed as Bolt parses it); false for garbage. */
export function passesEdge(request: BotRequest): boolean {
  try {
    const form = request.contentType === 'application/x-www-form-urlencoded' ? parse(request.body) : undefined;
    const body: unknown = form ? (typeof form.payload === 'string' ? JSON.parse(form.payload) : form) : JSON.parse(request.body);
    return envelopeProblem(body) === undefined;
  } catch {
    return false;
  }
}

/** The bot answered in time with 200 (a reply or an empty ack) or a 4xx refusal, and nothing went wrong inside. */
export function expectHandled(fuzz: FuzzBot, reply: BotReply): void {
  expect(reply.timedOut ?? false, 'answered after the 3 s ack deadline').toBe(false);
  expect(reply.status === 200 || (reply.status >= 400 && reply.status < 500), `HTTP ${reply.status}: ${reply.body.slice(0, 200)}`).toBe(true);
  // Thrown rather than compared, so the whole log line (with its stack) is in the failure report.
  if (fuzz.problems.length > 0) throw new Error(`errors logged while handling the request:\n${fuzz.problems.join('\n')}`);
}
