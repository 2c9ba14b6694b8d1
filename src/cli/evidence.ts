// `rampart evidence add|list|transfer|check`: the evidence log from the machine where the files are. The CLI computes
// a file's SHA-256 by streaming it (a disk image does not fit in memory), so `add --file` and `check --file` hash the
// real file. The CLI is a trusted operator: private incidents are shown in full; a hash mismatch is recorded (and
// posted in the incident channel) and exits 1, so a script notices.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { collectedWords, humanTime, type EvidenceInput, type EvidenceLogEntry } from '../core/index.js';
import { AppError } from '../shared/errors.js';
import { OPERATOR, withCore } from './commands.js';
import { EXIT } from './errors.js';

type Out = (line: string) => void;

/** The SHA-256 of a file, read as a stream; a missing or unreadable file is a one-line error. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('invalid_input', code === 'ENOENT' ? `There is no file ${path}.` : code === 'EISDIR' ? `${path} is a directory, not a file.` : `Cannot read ${path} (${code ?? 'error'}).`);
  }
  return hash.digest('hex');
}

/** One item and its chain as terminal lines. */
export function evidenceText(e: EvidenceLogEntry, zone: string): string[] {
  const { item } = e;
  const lines = [
    `${e.ref.padEnd(6)} ${item.description}${item.tlp ? `  [TLP:${item.tlp}]` : ''}`,
    `       stored at ${item.location}; held by ${item.holder}`,
    `       collected by ${item.collectedBy}, ${collectedWords(item)}`,
    ...(item.sha256 ? [`       sha256 ${item.sha256}`] : []),
  ];
  for (const t of e.transfers) lines.push(`       ${humanTime(t.at, zone)}  ${t.from} -> ${t.to}: ${t.reason} (by ${t.by})`);
  for (const c of e.checks) lines.push(`       ${humanTime(c.at, zone)}  ${c.matches ? 'hash matches' : `HASH MISMATCH: got ${c.actual}`} (${c.via}, by ${c.by})`);
  return lines;
}

/** Exactly one of --file and --sha256, as the SHA-256 to use. */
async function hashOf(opts: { file?: string; sha256?: string }, required: boolean): Promise<{ sha256?: string; via: 'file' | 'given' }> {
  if (opts.file !== undefined && opts.sha256 !== undefined) throw new AppError('invalid_input', 'Give --file or --sha256, not both.');
  if (opts.file !== undefined) return { sha256: await sha256OfFile(opts.file), via: 'file' };
  if (required && opts.sha256 === undefined) throw new AppError('invalid_input', 'Give --file PATH (its SHA-256 is computed) or --sha256 HEX.');
  return { ...(opts.sha256 !== undefined ? { sha256: opts.sha256 } : {}), via: 'given' };
}

/** Adds `rampart evidence` and its four subcommands to the program. */
export function registerEvidence(program: Command, config: () => Config, out: Out, exit: (result: Promise<number | void>) => Promise<void>): void {
  const evidence = program.command('evidence').description('evidence items and their chain of custody (NIST SP 800-61’s evidence log)');
  evidence
    .command('add')
    .description('log an evidence item on an incident; --file computes its SHA-256 from the file')
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .requiredOption('--what <text>', 'what the item is')
    .requiredOption('--where <text>', 'where it is stored')
    .option('--file <path>', 'the file itself: its SHA-256 is computed by reading it')
    .option('--sha256 <hex>', 'the SHA-256, when the file is not here')
    .option('--by <who>', 'who collected it: a Slack user id or a name (default: your login name)')
    .option('--at <time>', 'when it was collected, e.g. 2026-12-04T14:05 (default: now)')
    .option('--zone <iana>', 'the time zone --at is read in (default: TIMEZONE)')
    .option('--holder <who>', 'who holds it now (default: the collector)')
    .option('--tlp <marking>', 'a TLP marking stricter than the incident’s: AMBER+STRICT or RED')
    .option('--json', 'print the item as JSON')
    .action((ref: string, opts: AddOptions) => exit(addCommand(config(), ref, opts, out)));
  evidence
    .command('list')
    .description("an incident's evidence log: each item with its custody chain and re-checks")
    .argument('<ref>', 'incident reference, e.g. INC-3')
    .option('--json', 'print a JSON array of the items with their transfers and checks')
    .action((ref: string, opts: { json?: boolean }) => exit(listCommand(config(), ref, !!opts.json, out)));
  evidence
    .command('transfer')
    .description('record that an item changed hands')
    .argument('<item>', 'evidence reference, e.g. EV-3')
    .requiredOption('--to <who>', 'who receives it: a Slack user id or a name')
    .requiredOption('--reason <text>', 'why it changes hands')
    .action((ref: string, opts: { to: string; reason: string }) => exit(transferCommand(config(), ref, opts, out)));
  evidence
    .command('check')
    .description("compare an item's SHA-256 with the file's now (or one given); a mismatch is recorded and exits 1")
    .argument('<item>', 'evidence reference, e.g. EV-3')
    .option('--file <path>', 'the file: its SHA-256 is computed by reading it')
    .option('--sha256 <hex>', 'a SHA-256 computed elsewhere')
    .action((ref: string, opts: { file?: string; sha256?: string }) => exit(checkCommand(config(), ref, opts, out)));
}

interface AddOptions {
  what: string;
  where: string;
  file?: string;
  sha256?: string;
  by?: string;
  at?: string;
  zone?: string;
  holder?: string;
  tlp?: string;
  json?: boolean;
}

async function addCommand(config: Config, ref: string, opts: AddOptions, out: Out): Promise<void> {
  const { sha256 } = await hashOf(opts, false);
  const input: EvidenceInput = {
    description: opts.what,
    location: opts.where,
    collectedBy: opts.by ?? userInfo().username,
    ...(sha256 !== undefined ? { sha256 } : {}),
    ...(opts.at !== undefined ? { collectedAt: opts.at } : {}),
    ...(opts.zone !== undefined ? { zone: opts.zone } : {}),
    ...(opts.holder !== undefined ? { holder: opts.holder } : {}),
    ...(opts.tlp !== undefined ? { tlp: opts.tlp } : {}),
  };
  await withCore(config, async (core) => {
    const added = await core.evidence.add(OPERATOR, ref, input);
    if (opts.json) return out(JSON.stringify(itemJson({ item: added.item, ref: added.ref, transfers: [], checks: [] }), null, 2));
    out(`Logged ${added.ref} on ${added.incident.ref}${added.item.sha256 ? ` (sha256 ${added.item.sha256})` : ''}.`);
  });
}

async function listCommand(config: Config, ref: string, json: boolean, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { incident, entries } = await core.evidence.list(OPERATOR, ref);
    if (json) return out(JSON.stringify(entries.map(itemJson), null, 2));
    if (entries.length === 0) return out(`${incident.ref} has no evidence logged.`);
    for (const e of entries) for (const line of evidenceText(e, core.timezone)) out(line);
  });
}

async function transferCommand(config: Config, ref: string, opts: { to: string; reason: string }, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const moved = await core.evidence.transfer(OPERATOR, ref, opts.to, opts.reason);
    out(`${moved.ref} (${moved.incident.ref}): ${moved.from} -> ${moved.item.holder}, recorded.`);
  });
}

async function checkCommand(config: Config, ref: string, opts: { file?: string; sha256?: string }, out: Out): Promise<number> {
  const { sha256, via } = await hashOf(opts, true);
  return withCore(config, async (core) => {
    const checked = await core.evidence.check(OPERATOR, ref, sha256!, via);
    if (checked.matches) {
      out(`${checked.ref} (${checked.incident.ref}): sha256 matches ${checked.expected}. Recorded.`);
      return EXIT.ok;
    }
    out(`HASH MISMATCH on ${checked.ref} (${checked.incident.ref}): logged ${checked.expected}, now ${checked.actual}. Recorded on the timeline.`);
    return EXIT.failed;
  });
}

/** The JSON shape of an item with its chain (documented in docs/cli.md). */
function itemJson(e: EvidenceLogEntry) {
  const { item } = e;
  return {
    ref: e.ref,
    description: item.description,
    location: item.location,
    sha256: item.sha256,
    collectedBy: item.collectedBy,
    collectedAt: item.collectedAt.toISOString(),
    zone: item.collectedZone,
    holder: item.holder,
    tlp: item.tlp,
    transfers: e.transfers.map((t) => ({ ...t, at: t.at.toISOString() })),
    checks: e.checks.map((c) => ({ ...c, at: c.at.toISOString() })),
  };
}
