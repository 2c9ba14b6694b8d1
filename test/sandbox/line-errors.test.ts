import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_TIMEOUT_MS, attempt, check, LineError } from '../../src/sandbox/line-errors.js';

const reply = (status: number, body = '') => Promise.resolve({ status, body });

describe('check', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes 2xx answers and the "nothing sent" status 0', async () => {
    await expect(check(reply(200, 'ok'), '/incident')).resolves.toEqual({ status: 200, body: 'ok' });
    await expect(check(reply(0), 'closing the modal')).resolves.toEqual({ status: 0, body: '' });
  });

  it('fails on any other status, quoting the body', async () => {
    await expect(check(reply(500, 'boom'), '/incident')).rejects.toThrow(new LineError('the bot answered /incident with HTTP 500: boom'));
    await expect(check(reply(401), '/incident')).rejects.toThrow('the bot answered /incident with HTTP 401');
  });

  it('tells an unreachable bot from the emulator refusing an action', async () => {
    const unreachable = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    await expect(check(Promise.reject(unreachable), '/incident')).rejects.toThrow('the bot never answered /incident: connect ECONNREFUSED 127.0.0.1:1');
    await expect(check(Promise.reject(new Error('Required fields are empty')), 'the modal submission')).rejects.toThrow(new LineError('Required fields are empty'));
  });

  it('gives up on a request that is never answered', async () => {
    vi.useFakeTimers();
    const failed = expect(check(new Promise(() => {}), '/incident')).rejects.toThrow(`the bot never answered /incident after ${ANSWER_TIMEOUT_MS / 1000} s`);
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS);
    await failed;
  });
});

describe('attempt', () => {
  it('turns a thrown error into a LineError with the same message', () => {
    expect(attempt(() => 42)).toBe(42);
    expect(() =>
      attempt(() => {
        throw new Error('no field "colour"');
      }),
    ).toThrow(new LineError('no field "colour"'));
  });
});
