// The CLI's output per run: a reader going away ends only the run it belonged to, so in-process runs (the tests, and
// anything else that calls runCli twice) never inherit a closed stdout.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cliOutput, StdoutClosed } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/program.js';

/** A stdout whose reader has gone: every write fails with EPIPE, as a pipe to `head -0` does. */
function unreadStdout(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString()), done()) }), text: () => chunks.join('') };
}

describe('CLI output', () => {
  it('once stdout fails with EPIPE, the next line stops the run; another run writes as usual', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const closed = cliOutput(unreadStdout(), collector().stream);
    expect(closed.isClosedStdout(epipe)).toBe(false);
    closed.out('first line');
    // The failed write is reported as an 'error' event on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => closed.out('second line')).toThrow(StdoutClosed);
    expect(closed.isClosedStdout(epipe)).toBe(true);
    await expect(closed.writeChunks((async function* () { yield 'chunk'; })(), undefined)).rejects.toThrow(StdoutClosed);

    const stdout = collector();
    const fresh = cliOutput(stdout.stream, collector().stream);
    expect(fresh.isClosedStdout(epipe)).toBe(false);
    fresh.out('still here');
    await fresh.writeChunks((async function* () { yield 'a'; yield 'b\n'; })(), undefined);
    expect(stdout.text()).toBe('still here\nab\n');
  });

  it('runCli writes commander output (help, version, usage errors) to the streams it is given', async () => {
    const stdout = collector();
    const stderr = collector();
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await runCli(['--version'], { env: {}, stdout: stdout.stream, stderr: stderr.stream })).toBe(0);
    expect(await runCli(['frobnicate'], { env: {}, stdout: stdout.stream, stderr: stderr.stream })).toBe(2);
    expect(stdout.text()).toBe(`${version}\n`);
    expect(stderr.text()).toBe("rampart: unknown command 'frobnicate' (see `rampart --help`)\n");
  });

  it('shows a control character in a line (an escape sequence a sender wrote) as U+FFFD, keeping tabs', () => {
    const stdout = collector();
    const stderr = collector();
    const output = cliOutput(stdout.stream, stderr.stream);
    output.out('INC-1\tHTTP 500: \u001b]0;owned\u0007\u001b[2Jgone\u009b');
    output.err('bad \u001b[31mred');
    expect(stdout.text()).toBe('INC-1\tHTTP 500: \uFFFD]0;owned\uFFFD\uFFFD[2Jgone\uFFFD\n');
    expect(stderr.text()).toBe('bad \uFFFD[31mred\n');
  });
});
