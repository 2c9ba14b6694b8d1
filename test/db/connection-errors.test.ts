// Database errors in one line, and database URLs fit to print.
import { describe, expect, it } from 'vitest';
import { describeDatabaseError, redactDatabaseUrl } from '../../src/db/connection-errors.js';

const systemError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`connect ${code}`), { code, ...extra });

describe('describeDatabaseError', () => {
  it('names socket failures, looking inside AggregateError (localhost as ::1 and 127.0.0.1) and causes', () => {
    const refused = systemError('ECONNREFUSED', { address: '::1', port: 5432 });
    expect(describeDatabaseError(new AggregateError([refused, systemError('ECONNREFUSED')]))).toBe('cannot connect to the database: connection refused at ::1:5432');
    expect(describeDatabaseError(new Error('Failed query: select 1', { cause: systemError('ENOTFOUND', { hostname: 'db.example' }) }))).toBe(
      'cannot connect to the database: host "db.example" not found',
    );
    expect(describeDatabaseError(new Error('timeout exceeded when trying to connect'))).toBe('cannot connect to the database: no answer in time');
  });

  it("uses the server's own first line for its errors, and says when it is starting up", () => {
    expect(describeDatabaseError(Object.assign(new Error('password authentication failed for user "bot"'), { code: '28P01', severity: 'FATAL' }))).toBe(
      'password authentication failed for user "bot"',
    );
    expect(describeDatabaseError(Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' }))).toMatch(/starting up or shutting down/);
  });

  it('leaves other errors alone', () => {
    expect(describeDatabaseError(new Error('boom'))).toBeUndefined();
    expect(describeDatabaseError(Object.assign(new Error('x'), { code: 'ERR_SOMETHING' }))).toBeUndefined();
    expect(describeDatabaseError('a string')).toBeUndefined();
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password in the user part and in query parameters, and keeps the rest', () => {
    expect(redactDatabaseUrl('postgres://bot:s3cret@db:5432/rampart?sslmode=require&password=x')).toBe('postgres://bot:***@db:5432/rampart?sslmode=require&password=***');
    expect(redactDatabaseUrl('postgres://db/rampart')).toBe('postgres://db/rampart');
    expect(redactDatabaseUrl('not a url with s3cret')).toBe('(not a valid URL)');
  });
});
