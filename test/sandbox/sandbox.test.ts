// End to end: a script runs through the real bot, the emulator and the transcript printer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/sandbox/sandbox.js';

/** An output stream that keeps what is written. */
class MemoryOutput extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-sandbox-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runScript(lines: string[]): Promise<{ code: number; text: string }> {
  const scriptFile = join(dir, 'script.txt');
  await writeFile(scriptFile, lines.join('\n'));
  const output = new MemoryOutput();
  const code = await runSandbox({ dataDir: join(dir, 'data'), scriptFile, output });
  return { code, text: output.text };
}

describe('rampart sandbox --script', () => {
  it('runs slash commands as Slack would and prints what the bot posts', async () => {
    const { code, text } = await runScript(['# a first incident', '/incident help', '', '/incident declare Phishing mail sev4']);
    expect(text).toContain('you in #general> /incident help');
    expect(text).toContain('(only visible to you) rampart:');
    expect(text).toContain('you in #general> /incident declare Phishing mail sev4');
    expect(text).toContain('INC-1');
    expect(text).toContain('✓ script finished');
    expect(code).toBe(0);
  });

  it('stops at a line that cannot be carried out and names it', async () => {
    const { code, text } = await runScript(['/incident help', 'click No such button', '/incident help']);
    expect(text).toContain('✗ line 2 failed: no button labelled "No such button" that @you can see');
    expect(text.match(/you in #general> \/incident help/g)).toHaveLength(1);
    expect(code).toBe(1);
  });

  it('names a line it cannot parse', async () => {
    const { code, text } = await runScript(['as alice', 'in #soc', 'frobnicate']);
    expect(text).toContain('alice in #soc> frobnicate');
    expect(text).toContain('✗ line 3 failed: unknown line "frobnicate"');
    expect(code).toBe(1);
  });

  it('reports a script file it cannot read', async () => {
    const output = new MemoryOutput();
    const code = await runSandbox({ dataDir: join(dir, 'data'), scriptFile: join(dir, 'missing.txt'), output });
    expect(output.text).toContain('✗ cannot read the script');
    expect(code).toBe(1);
  });
});
