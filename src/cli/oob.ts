// `rampart oob sheet [--out FILE]`: the printable out-of-band contact sheet (one self-contained HTML page) of
// OOB_PLAN_FILE as it is now, to stdout or a file, for printing before it is needed.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { humanTime } from '../core/index.js';
import { AppError } from '../shared/errors.js';
import { withCore } from './commands.js';

type Out = (line: string) => void;

/** Adds `rampart oob` and its subcommand to the program. */
export function registerOob(program: Command, config: () => Config, out: Out, exit: (result: Promise<number | void>) => Promise<void>): void {
  const oob = program.command('oob').description('the out-of-band plan (OOB_PLAN_FILE), distributed before it is needed');
  oob
    .command('sheet')
    .description('the printable contact sheet: plan, phone tree and outside parties, as one self-contained HTML page')
    .option('--out <file>', 'write it to this file instead of stdout')
    .action((opts: { out?: string }) => exit(sheetCommand(config(), opts.out, out)));
  oob
    .command('acks')
    .description('the current plan version, when it was posted, and who has acknowledged it')
    .option('--json', 'print { version, postedAt, acks: [{ userId, ackedAt }] }')
    .action((opts: { json?: boolean }) => exit(acksCommand(config(), !!opts.json, out)));
}

async function acksCommand(config: Config, json: boolean, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { version, postedAt, acks } = await core.oob.acknowledgements();
    if (json) return out(JSON.stringify({ version, postedAt: postedAt?.toISOString() ?? null, acks: acks.map((a) => ({ userId: a.userId, ackedAt: a.ackedAt.toISOString() })) }, null, 2));
    out(`Plan version ${version}: ${postedAt ? `posted ${humanTime(postedAt, core.timezone)}` : 'not posted yet'}; ${acks.length} acknowledged.`);
    for (const a of acks) out(`${a.userId.padEnd(12)} ${humanTime(a.ackedAt, core.timezone)}`);
  });
}

async function sheetCommand(config: Config, file: string | undefined, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { html, version } = await core.oob.sheet();
    if (!file) return out(html.trimEnd());
    try {
      await writeFile(file, html, 'utf8');
    } catch (err) {
      throw new AppError('invalid_input', `Cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    out(`Wrote the contact sheet of plan version ${version} to ${file}.`);
  });
}
