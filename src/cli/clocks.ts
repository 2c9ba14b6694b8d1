// `rampart clocks …`: notification clocks from a terminal. `rampart clocks [INC-n] [--json]` lists one incident's
// clocks or every running one; start, notified and stop change them as `/incident clocks` does (a timeline event each);
// `regimes` lists the regimes on offer. The CLI is the trusted operator, so private incidents are shown in full.
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { offsetWords, type ListedClock } from '../core/index.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** One clock as terminal lines: the clock, then each deadline with where it stands. */
export function clockText(c: ListedClock): string[] {
  if (c.redacted) return [`${c.ref.padEnd(8)} (a private incident's clock)`];
  const head = `${c.ref.padEnd(8)} ${c.regimeName} · ${c.state} · aware ${c.awareAt.toISOString()}${c.why ? ` · for ${c.why}` : ''}${c.backdateReason ? ` · back-dated: ${c.backdateReason}` : ''}${c.stopReason ? ` · stopped: ${c.stopReason}` : ''}`;
  const lines = c.deadlines.map((d) => {
    const notice = d.notifiedAt ? `  notified ${d.notifiedAt.toISOString()} to ${d.notifiedTo ?? ''}${d.reference ? ` (ref ${d.reference})` : ''}` : '';
    return `         ${d.status.toUpperCase().padEnd(8)} ${d.deadline.padEnd(14)} due ${d.dueAt.toISOString()}  ${d.label}${notice}`;
  });
  return [head, ...lines];
}

/** The JSON of a listed clock (dates as ISO strings). */
function clockJson(c: ListedClock): unknown {
  return JSON.parse(JSON.stringify(c)) as unknown;
}

/** Adds `rampart clocks` and its subcommands to the program. */
export function registerClocks(program: Command, config: () => Config, out: Out): void {
  const clocks = program
    .command('clocks')
    .description('notification clocks (GDPR, NIS2, the regimes file): an incident\'s, or every running one; start, notified, stop, regimes')
    .argument('[ref]', 'incident reference, e.g. INC-3')
    .option('--json', 'print a JSON array of clocks with their deadlines (see docs/cli.md)')
    .action((ref: string | undefined, opts: { json?: boolean }) =>
      withCore(config(), async (core) => {
        const { clocks: list } = await core.clocks.list(OPERATOR, ref);
        if (opts.json) return out(JSON.stringify(list.map(clockJson), null, 2));
        if (list.length === 0) return out(ref ? `${ref.toUpperCase()} has no notification clocks.` : 'No running notification clocks.');
        for (const c of list) for (const line of clockText(c)) out(line);
      }),
    );
  clocks
    .command('regimes')
    .description('the regimes on offer and their deadlines')
    .action(() =>
      withCore(config(), async (core) => {
        for (const r of core.clocks.regimes()) out(`${r.id.padEnd(14)} ${r.name}: ${r.deadlines.map((d) => `${d.id} (${offsetWords(d.after)})`).join(', ')}`);
      }),
    );
  clocks
    .command('start')
    .description('start a clock; awareness defaults to now, and a back-dated one needs --reason')
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .argument('<regime>', 'gdpr, nis2, or a regime of NOTIFICATION_REGIMES_FILE')
    .option('--aware <when>', 'when the team became aware: now, HH:MM, "YYYY-MM-DD HH:MM" (TIMEZONE), ISO 8601 or "3h ago"')
    .option('--reason <text>', 'why awareness is back-dated')
    .option('--why <text>', 'why the clock applies (personal data, a significant service)')
    .action((ref: string, regime: string, opts: { aware?: string; reason?: string; why?: string }) =>
      withCore(config(), async (core) => {
        const { incident, clock, deadlines } = await core.clocks.start(OPERATOR, ref, { regime, ...opts });
        out(`${incident.ref}: ${clock.regimeName} clock started, aware since ${clock.awareAt.toISOString()}.`);
        for (const d of deadlines) out(`  ${d.deadline.padEnd(14)} due ${d.dueAt.toISOString()}  ${d.label}`);
      }),
    );
  clocks
    .command('notified')
    .description("record that a deadline's notice was given (default: the earliest deadline not yet notified)")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .argument('<regime>', 'the running clock\'s regime')
    .requiredOption('--to <whom>', 'to whom the notice went')
    .option('--deadline <id>', 'which deadline (see `rampart clocks regimes`)')
    .option('--at <when>', 'when it was given (default now)')
    .option('--reference <ref>', "the authority's or the submission's reference")
    .action((ref: string, regime: string, opts: { to: string; deadline?: string; at?: string; reference?: string }) =>
      withCore(config(), async (core) => {
        const { incident, notified } = await core.clocks.notified(OPERATOR, ref, { regime, ...opts });
        const late = notified!.notifiedAt! > notified!.dueAt ? ' (late)' : '';
        out(`${incident.ref}: ${notified!.label}: notified ${notified!.notifiedAt!.toISOString()} to ${notified!.notifiedTo ?? ''}${late}.`);
      }),
    );
  clocks
    .command('stop')
    .description('stop a running clock (e.g. no personal data after all); no more reminders')
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .argument('<regime>', "the running clock's regime")
    .option('--reason <text>', 'why it no longer applies')
    .action((ref: string, regime: string, opts: { reason?: string }) =>
      withCore(config(), async (core) => {
        const { incident, clock } = await core.clocks.stop(OPERATOR, ref, { regime, ...opts });
        out(`${incident.ref}: ${clock.regimeName} clock stopped.`);
      }),
    );
}
