// The `rampart` command line. Every error ends as one line on stderr and a non-zero exit (see errors.ts); unknown
// commands and bad arguments exit 2 with a pointer to --help. A run reads its environment and writes its output
// through CliIo, so tests run it in process; the bin (main.ts) gives it the process's own.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { incidentsCommand, migrateCommand, timelineCommand } from './commands.js';
import { awarenessPreviewCommand, awarenessSendNowCommand, awarenessStatsCommand, awarenessStatusCommand } from './awareness.js';
import { digestPreviewCommand, digestSendNowCommand } from './digest.js';
import { followupsCommand } from './followups.js';
import { iocAddCommand, iocExportCommand, iocListCommand, iocMarkCommand } from './observables.js';
import { asksCommand } from './asks.js';
import { searchCommand } from './search.js';
import { registerEvidence } from './evidence.js';
import { registerOob } from './oob.js';
import { registerAlertSources } from './alert-sources.js';
import { remindCommand } from './remind.js';
import { registerClocks } from './clocks.js';
import { registerWebhooks } from './webhooks.js';
import { tlpCommand } from './tlp.js';
import { AppError } from '../shared/errors.js';
import { exportCommand, reportCommand, statsCommand } from './reports.js';
import { verifyCommand } from './verify.js';
import { checkRulesCommand } from './rules.js';
import { importPlaybookCommand, listPlaybooksCommand, validatePlaybooksCommand } from './playbooks.js';
import { cliOutput, type CliOutput, type CliStream } from './output.js';
import { EXIT, explainCliError } from './errors.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** What one run of the CLI reads and writes; each defaults to the process's own. */
export interface CliIo {
  /** The variables loadConfig reads. */
  env?: Record<string, string | undefined>;
  stdout?: CliStream;
  stderr?: CliStream;
}

/** A run as its commands see it: settings read on demand (so --help works with bad ones), output, and the exit code. */
export interface CliRun {
  config(): Config;
  output: CliOutput;
  /** Records the exit code a command's promise ends with (undefined: success). */
  exit(result: Promise<number | void> | number | void): Promise<void>;
}

/** Builds the program for one run (exported for tests). */
export function buildProgram(run: CliRun): Command {
  const { output, exit } = run;
  const out = (line: string) => output.out(line);
  const err = (line: string) => output.err(line);
  const config = () => run.config();
  const program = new Command('rampart')
    .description('Rampart: security incident response from Slack')
    .version(version, '-V, --version', 'print the version')
    // Set before any subcommand is added: each copies its parent's output settings.
    .configureOutput({ writeOut: (text) => output.stdout.write(text), writeErr: (text) => output.stderr.write(text) })
    .exitOverride();
  program
    .command('start')
    .description('run the bot for a Slack workspace (needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)')
    // The bot is the process (signal handlers, its own settings from the environment): tests run it as a child.
    .action(() => exit(import('../main.js').then(({ runBot }) => runBot())));
  program
    .command('sandbox')
    .description('try Rampart without Slack: the real bot, a local Slack emulator and a terminal')
    .option('--script <file>', 'run the lines of a file, print the transcript and exit')
    .option('--rate-limits', "the emulator enforces Slack's rate-limit tiers (429 with Retry-After over a limit)")
    .action(async (opts: { script?: string; rateLimits?: boolean }) => {
      const settings = config();
      const { runSandbox } = await import('../sandbox/sandbox.js');
      await exit(
        runSandbox({
          dataDir: settings.database.dataDir,
          ...(settings.database.url ? { databaseUrl: settings.database.url } : {}),
          logLevel: settings.logLevelFromEnv ?? 'info',
          ...(opts.script ? { scriptFile: opts.script } : {}),
          ...(opts.rateLimits ? { rateLimits: true } : {}),
        }),
      );
    });
  program
    .command('migrate')
    .description('apply database migrations (also done at start-up)')
    .action(() => migrateCommand(config(), out));
  program
    .command('incidents')
    .description('list incidents, oldest first')
    .option('--json', 'print a JSON array (see docs/cli.md)')
    .option('--open', 'only open incidents')
    .action((opts: { json?: boolean; open?: boolean }) => incidentsCommand(config(), { json: !!opts.json, open: !!opts.open }, out));
  program
    .command('followups')
    .description("follow-ups from reviews' action items: every open one, an incident's, or a person's open ones")
    .argument('[ref]', 'incident reference, e.g. INC-3')
    .option('--owner <user>', "a person's open follow-ups (Slack user id)")
    .option('--json', 'print a JSON array of { ref, text, owner, due, state }')
    .action((ref: string | undefined, opts: { owner?: string; json?: boolean }) =>
      followupsCommand(config(), ref, { ...(opts.owner !== undefined ? { owner: opts.owner } : {}), json: !!opts.json }, out),
    );
  const ioc = program.command('ioc').description("an incident's observables (indicators of compromise): add, list, mark, export");
  ioc
    .command('add')
    .description('record an observable; the type is guessed when left out (account names must be named)')
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .argument('<value>', 'the value, defanged or not: 203.0.113[.]7, hxxps://evil[.]example/login')
    .argument('[type]', 'ipv4, ipv6, domain, url, email, md5, sha1, sha256, phone or account')
    .action((ref: string, value: string, type: string | undefined) => iocAddCommand(config(), ref, value, type, out));
  ioc
    .command('list')
    .description("an incident's observables, defanged, with the other incidents holding each")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .option('--json', 'print a JSON array (see docs/cli.md)')
    .action((ref: string, opts: { json?: boolean }) => iocListCommand(config(), ref, { json: !!opts.json }, out));
  ioc
    .command('mark')
    .description("set an observable's verdict")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .argument('<value>', 'the observable, as listed or as typed')
    .argument('<verdict>', 'malicious, suspicious, benign or unknown')
    .action((ref: string, value: string, verdict: string) => iocMarkCommand(config(), ref, value, verdict, out));
  ioc
    .command('export')
    .description("an incident's observables as a STIX 2.1 bundle, a MISP event or CSV, with its TLP marking")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .requiredOption('--format <format>', 'stix, misp or csv')
    .option('--out <file>', 'write to this file (it appears only when complete) instead of stdout')
    .action((ref: string, opts: { format: string; out?: string }) => iocExportCommand(config(), ref, opts, output));
  registerClocks(program, config, out);
  program
    .command('asks')
    .description('an incident\'s "was this you?" questions and their answers, newest first')
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .option('--json', 'print a JSON array of { ref, userId, question, askedBy, askedAt, answer, answeredAt, reminded, escalated }')
    .action((ref: string, opts: { json?: boolean }) => asksCommand(config(), ref, { json: !!opts.json }, out));
  program
    .command('search')
    .description('incidents, notes and lessons that match, newest first (words, "a phrase", -without)')
    .argument('<text...>', 'what to search for')
    .option('--json', 'print a JSON array of { ref, kind, at, title, excerpt, seq? }')
    .action((words: string[], opts: { json?: boolean }) => searchCommand(config(), words, { json: !!opts.json }, out));
  program
    .command('remind')
    .description("snooze an incident's update reminder (30m, 2h or tomorrow 09:00 in TIMEZONE) or stop its reminders")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .argument('<action>', 'snooze or stop')
    .argument('[length]', 'for snooze: 30m, 2h or tomorrow')
    .action((ref: string, action: string, length: string | undefined) => remindCommand(config(), ref, action, length, out));
  program
    .command('tlp')
    .description("set an incident's TLP marking (CLEAR, GREEN, AMBER, AMBER+STRICT or RED), with an optional reason")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .argument('<marking>', 'CLEAR, GREEN, AMBER, AMBER+STRICT or RED')
    .argument('[reason...]', 'why, recorded on the timeline')
    .action((ref: string, marking: string, reason: string[]) => tlpCommand(config(), ref, marking, reason, out));
  program
    .command('timeline')
    .description("an incident and its timeline events in order")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .option('--json', 'print { incident, events } as JSON (see docs/cli.md)')
    .action((ref: string, opts: { json?: boolean }) => timelineCommand(config(), ref, { json: !!opts.json }, out));
  program
    .command('verify')
    .description('recompute timeline hash chains; exits 1 and prints the first broken link when one does not hold')
    .argument('[ref]', 'incident reference, e.g. INC-3')
    .option('--all', 'every incident')
    .action(async (ref: string | undefined, opts: { all?: boolean }, command: Command) => {
      // Usage mistakes, so they exit 2 like commander's own (through oneLineUsageErrors).
      if (!ref && !opts.all) command.error('say which incident, e.g. `rampart verify INC-3`, or `--all` for every incident');
      if (ref && opts.all) command.error(`give either an incident (${ref}) or --all, not both`);
      await exit(verifyCommand(config(), ref ? { ref } : { all: true }, out, err));
    });
  program
    .command('report')
    .description('write an incident report: md (default), html, json, csv, timesketch (JSONL) or timesketch-csv')
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .option('--format <format>', 'md, html, json, csv, timesketch or timesketch-csv', 'md')
    .option('--out <file>', 'write to this file (it appears only when complete) instead of stdout')
    .option('--tlp <marking>', 'write it for this audience (CLEAR, GREEN, AMBER, AMBER+STRICT; default RED, everything): stricter notes are left out and counted')
    .action((ref: string, opts: { format: string; out?: string }) => reportCommand(config(), ref, opts, output));
  program
    .command('export')
    .description('write every incident and its timeline, streamed (memory stays flat), with a progress bar on a terminal')
    .option('--since <date>', 'only incidents declared on or after this date (TIMEZONE), e.g. 2026-01-01')
    .option('--format <format>', 'json, csv, timesketch (JSONL) or timesketch-csv', 'json')
    .requiredOption('--out <file>', 'the file to write')
    .option('--tlp <marking>', 'write it for this audience (default RED, everything): stricter incidents and notes are left out and counted')
    .action((opts: { since?: string; format: string; out: string }) => exportCommand(config(), opts, output));
  program
    .command('stats')
    .description('incident figures: by type, severity and month; response times by severity; declined rate')
    .argument('[period]', '30d (default), 90d, 365d or all')
    .action((period: string | undefined) => statsCommand(config(), period, out));
  const playbooks = program.command('playbooks').description('list, check and import response playbooks');
  playbooks
    .command('list')
    .description('the playbooks the bot offers (built-in and PLAYBOOKS_DIR)')
    .action(() => exit(listPlaybooksCommand(config(), out, err)));
  playbooks
    .command('validate')
    .description('check playbook YAML files; every problem with file, line and path; exits 1 on errors')
    .argument('[dir]', 'a folder of .yaml files (default: the built-in library and PLAYBOOKS_DIR)')
    .action((dir: string | undefined) => exit(validatePlaybooksCommand(config(), dir, out, err)));
  playbooks
    .command('import')
    .description('convert a CACAO 2.0 playbook or a TheHive case template (JSON) into playbook YAML')
    .argument('<file>', 'the JSON file')
    .option('--out <dir>', 'write <id>.yaml into this folder (e.g. your PLAYBOOKS_DIR) instead of printing it')
    .option('--force', 'replace an existing file')
    .action((file: string, opts: { out?: string; force?: boolean }) =>
      exit(importPlaybookCommand(config(), file, { ...(opts.out ? { out: opts.out } : {}), force: !!opts.force }, out, err)),
    );
  program
    .command('rules')
    .description('the rules file (RULES_FILE): what a declaration sets up by itself')
    .command('check')
    .description('check a rules file against the incident types and playbooks; every problem with file, line and path; exits 1 on errors')
    .argument('[file]', 'the YAML file (default: RULES_FILE)')
    .action((file: string | undefined) => exit(checkRulesCommand(config(), file, out, err)));
  const awareness = program.command('awareness').description('the weekly security-awareness programme');
  awareness.command('status').description('schedule, next slot, queue and recent posts').action(() => awarenessStatusCommand(config(), out));
  awareness.command('preview').description('the tip that goes out next').action(() => awarenessPreviewCommand(config(), out));
  awareness.command('send-now').description('post the next tip now (needs SLACK_BOT_TOKEN)').action(() => awarenessSendNowCommand(config(), out));
  awareness
    .command('stats')
    .description('acknowledgements per week and channel')
    .option('--weeks <n>', 'how many weeks back', '12')
    .action((opts: { weeks: string }) => {
      const weeks = Number(opts.weeks);
      if (!Number.isInteger(weeks) || weeks < 1) throw new AppError('invalid_input', '--weeks takes a whole number of weeks, e.g. --weeks 12.');
      return awarenessStatsCommand(config(), weeks, out);
    });
  const digest = program.command('digest').description('the weekly incident digest posted to INCIDENT_CHANNEL');
  digest.command('preview').description('the digest of the last seven days, as text').action(() => digestPreviewCommand(config(), out));
  digest.command('send-now').description('post it to INCIDENT_CHANNEL now (needs SLACK_BOT_TOKEN)').action(() => digestSendNowCommand(config(), out));
  registerEvidence(program, config, out, exit);
  registerOob(program, config, out, exit);
  registerAlertSources(program, config, out, exit);
  registerWebhooks(program, config, out);
  oneLineUsageErrors(program);
  return program;
}

/**
 * Commander's usage errors ("error: unknown command 'x'", "(Did you mean …?)") become one line naming the command
 * and where its usage is, instead of a message followed by the whole help text.
 */
function oneLineUsageErrors(command: Command, path: string[] = []): void {
  const name = [...path, command.name()].join(' ');
  command.configureOutput({
    outputError: (text, write) => write(`${name}: ${text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()} (see \`${name} --help\`)\n`),
  });
  for (const sub of command.commands) oneLineUsageErrors(sub, [...path, command.name()]);
}

/**
 * Runs the CLI with argv and returns the exit code. It never sets process.exitCode, and whether stdout was closed is
 * remembered per run, so runs in one process (tests) do not affect each other.
 */
export async function runCli(argv: string[], io: CliIo = {}): Promise<number> {
  const output = cliOutput(io.stdout ?? process.stdout, io.stderr ?? process.stderr);
  let code: number = EXIT.ok;
  const program = buildProgram({
    config: () => loadConfig(io.env),
    output,
    exit: async (result) => {
      code = (await result) ?? EXIT.ok;
    },
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    // The reader of our output went away (`| head`): it has what it wanted, so this is not a failure.
    if (output.isClosedStdout(error)) return EXIT.ok;
    const { line, code: failed } = explainCliError(error, io.env);
    if (line) output.err(line);
    return failed;
  }
}
