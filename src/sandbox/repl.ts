// The two ways to drive a sandbox session: typing at a readline prompt, or a script file run line by line.
// Both parse a line, carry it out and wait for the bot to go idle before the next, so output stays in order.
import { createInterface } from 'node:readline';
import { parseLine, ScriptParseError } from './script.js';
import { LineError } from './line-errors.js';
import type { SandboxSession } from './session.js';
import type { TranscriptPrinter } from './transcript.js';

/** Runs an interactive session until `exit`, Ctrl-D or Ctrl-C; mistakes are printed and the prompt comes back. */
export async function runRepl(
  session: SandboxSession,
  printer: TranscriptPrinter,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const terminal = (output as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output, terminal, prompt: session.prompt() });
  // Without a listener readline would only pause on Ctrl-C; closing ends the loop below like Ctrl-D.
  rl.on('SIGINT', () => rl.close());
  rl.prompt();
  try {
    for await (const line of rl) {
      // A terminal echoes what was typed; piped input does not, so echo it to keep the transcript readable.
      if (!terminal) output.write(`${line}\n`);
      const failure = await runLine(session, line);
      if (failure === 'exit') break;
      if (failure) printer.write([`✗ ${failure}`]);
      rl.setPrompt(session.prompt());
      rl.prompt();
    }
  } finally {
    rl.close();
  }
  printer.write(['', 'bye']);
  return 0;
}

/** Runs a script; stops at the first line that fails and names it. Returns the exit code. */
export async function runScript(session: SandboxSession, printer: TranscriptPrinter, lines: readonly string[]): Promise<number> {
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    printer.write([`${session.prompt()}${line.trim()}`]);
    const failure = await runLine(session, line);
    if (failure === 'exit') break;
    if (failure) {
      printer.write([`✗ line ${index + 1} failed: ${failure}`, `  ${line.trim()}`]);
      return 1;
    }
  }
  printer.write(['✓ script finished']);
  return 0;
}

/** Carries out one line; returns undefined on success, 'exit' to stop, or what went wrong. */
async function runLine(session: SandboxSession, line: string): Promise<string | 'exit' | undefined> {
  try {
    // Comments are never expanded: they may talk about $inc before there is one.
    const cmd = parseLine(line.trim().startsWith('#') ? line : session.expand(line));
    if (!cmd) return undefined;
    if (cmd.kind === 'exit') return 'exit';
    await session.run(cmd);
    return undefined;
  } catch (err) {
    if (err instanceof ScriptParseError || err instanceof LineError) return err.message;
    // A bug of ours or the bot's, not the person's: keep the stack so it can be reported.
    return `unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  }
}
