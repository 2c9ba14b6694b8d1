// Telling a database outage from a bug: real connection failures (a closed port) and the errors Postgres sends while
// restarting are recognised: Slack users get a plain "try again" with no correlation id; CLI users (often the operator
// fixing the set-up) get what failed and which DATABASE_URL, without its password, in one line.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError, databaseOutageOf } from '../../src/shared/errors.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/log.js';
import { onUnhandledRejection } from '../../src/main.js';
import { userMessageFor } from '../../src/slack/errors.js';
import { freePort } from '../support/bot-process.js';
import { runRampart } from '../support/cli.js';

/** An error shaped like node-postgres's for a SQLSTATE, wrapped as drizzle wraps it. */
function failedQuery(code: string, message: string): Error {
  return new Error('Failed query: insert into "incidents" …', { cause: Object.assign(new Error(message), { code }) });
}

/** A URL where nothing listens. */
async function unreachableUrl(): Promise<string> {
  return `postgres://postgres@127.0.0.1:${await freePort()}/rampart`;
}

/** A logger whose lines are kept, to check the level errors are logged at. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

describe('recognising a database outage', () => {
  it('calls a refused connection (a real closed port) unreachable', async () => {
    const failure = await openDatabase({ kind: 'postgres', url: await unreachableUrl() }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeDefined();
    expect(databaseOutageOf(failure)).toBe('unreachable');
  });

  it('tells "never connected" from "connection lost mid-request", through drizzle\'s wrapper', () => {
    expect(databaseOutageOf(failedQuery('57P03', 'the database system is starting up'))).toBe('unreachable');
    expect(databaseOutageOf(failedQuery('57P01', 'terminating connection due to administrator command'))).toBe('lost');
    expect(databaseOutageOf(failedQuery('08006', 'connection failure'))).toBe('lost');
    expect(databaseOutageOf(new Error('Connection terminated unexpectedly'))).toBe('lost');
    expect(databaseOutageOf(new Error('timeout exceeded when trying to connect'))).toBe('unreachable');
  });

  it('leaves real errors alone: constraint violations, coded app errors, plain bugs', () => {
    expect(databaseOutageOf(failedQuery('23505', 'duplicate key value violates unique constraint'))).toBeUndefined();
    expect(databaseOutageOf(new AppError('unknown_incident', 'No incident INC-9.'))).toBeUndefined();
    expect(databaseOutageOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    expect(databaseOutageOf('ECONNREFUSED')).toBeUndefined();
  });
});

describe('what people are told', () => {
  it('Slack: a try-again reply logged as a warning, with no correlation id', () => {
    const { logger, lines } = recordingLogger();
    const text = userMessageFor(failedQuery('57P03', 'the database system is starting up'), logger).text;
    expect(text).toBe(":hourglass: Rampart can't reach its database right now; nothing was saved. Try again in a moment.");
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[40, 'database unavailable']]);
    expect(userMessageFor(failedQuery('57P01', 'terminating connection'), logger).text).toContain('may or may not have been saved');
  });

  it('CLI: exits 1 with one line saying what failed and where, and no stack trace', async () => {
    const url = await unreachableUrl();
    const result = await runRampart(['incidents'], { DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`rampart: cannot connect to the database: connection refused at ${new URL(url).host} (DATABASE_URL=${url})\n`);
  });

  it('rampart start: exits 1 naming DATABASE_URL when the database is unreachable at start-up', async () => {
    const result = await runRampart(['start'], {
      DATABASE_URL: await unreachableUrl(),
      SLACK_BOT_TOKEN: 'xoxb-outage-test',
      SLACK_SIGNING_SECRET: 'outage-test-secret',
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
    });
    expect(result.code).toBe(1);
    // In a checkout whose dist/ is older than src/, bin/rampart.js runs the sources through tsx and says so first.
    const told = result.stderr.replace(/^rampart: .*, so the sources run through tsx; .*\n/, '');
    expect(told).toMatch(/^Could not start: cannot connect to the database: connection refused at 127\.0\.0\.1:\d+ \(DATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:\d+\/rampart\)\.\n$/);
  });

  it('the running bot survives an unhandled rejection caused by an outage', () => {
    const { logger, lines } = recordingLogger();
    const before = process.exitCode;
    onUnhandledRejection(failedQuery('57P01', 'terminating connection due to administrator command'), logger);
    expect(process.exitCode).toBe(before);
    expect(lines.map((l) => l.msg)).toEqual(['database unavailable (unhandled rejection); still running']);
  });
});
