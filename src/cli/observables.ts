// `rampart ioc add|list|mark|export`: an incident's observables from a terminal. The CLI is a trusted operator, so
// private incidents are shown in full; values are printed defanged (JSON carries both forms), exports as stored.
import type { Config } from '../config.js';
import { defang, parseExportFormat, parseObservableType, parseVerdict, plural, type ListedObservable } from '../core/index.js';
import { AppError } from '../shared/errors.js';
import { OPERATOR, withCore } from './commands.js';
import type { CliOutput } from './output.js';

type Out = (line: string) => void;

/** One observable as a terminal line: type, verdict, the value defanged, and the other incidents holding it. */
export function observableText(o: ListedObservable): string {
  const also = o.alsoIn.length > 0 ? `  (also in ${o.alsoIn.join(', ')})` : '';
  return `${o.type.padEnd(7)} ${o.verdict.padEnd(10)} ${defang(o.type, o.value)}${also}`;
}

/** `rampart ioc add <ref> <value> [type]`. */
export async function iocAddCommand(config: Config, ref: string, value: string, typeWord: string | undefined, out: Out): Promise<void> {
  const type = typeWord === undefined ? undefined : parseObservableType(typeWord);
  if (typeWord !== undefined && !type) throw unknownType(typeWord);
  await withCore(config, async (core) => out((await core.observables.add(OPERATOR, { ref, value, ...(type ? { type } : {}) })).message));
}

/** `rampart ioc mark <ref> <value> <verdict>`. */
export async function iocMarkCommand(config: Config, ref: string, value: string, verdictWord: string, out: Out): Promise<void> {
  const verdict = parseVerdict(verdictWord);
  if (!verdict) throw new AppError('invalid_input', `"${verdictWord}" is not a verdict: use malicious, suspicious, benign or unknown.`);
  await withCore(config, async (core) => out((await core.observables.mark(OPERATOR, { ref, value, verdict })).message));
}

/** `rampart ioc list <ref> [--json]`. */
export async function iocListCommand(config: Config, ref: string, opts: { json: boolean }, out: Out): Promise<void> {
  await withCore(config, async (core) => {
    const { incident, observables } = await core.observables.list(OPERATOR, ref);
    if (opts.json) {
      const rows = observables.map((o) => ({ ref: incident.ref, type: o.type, value: o.value, defanged: defang(o.type, o.value), verdict: o.verdict, origin: o.origin, addedBy: o.addedBy, addedAt: o.addedAt.toISOString(), alsoIn: o.alsoIn }));
      return out(JSON.stringify(rows, null, 2));
    }
    if (observables.length === 0) return out(`${incident.ref} has no observables.`);
    for (const o of observables) out(observableText(o));
  });
}

/** `rampart ioc export <ref> --format stix|misp|csv [--out FILE]`. */
export async function iocExportCommand(config: Config, ref: string, opts: { format: string; out?: string }, output: CliOutput): Promise<void> {
  const format = parseExportFormat(opts.format);
  if (!format) throw new AppError('invalid_input', `--format takes stix, misp or csv, not "${opts.format}".`);
  await withCore(config, async (core) => {
    const file = await core.observables.export(OPERATOR, { ref, format });
    await output.writeChunks(once(file.content), opts.out);
    if (opts.out) output.out(`Wrote ${file.incident.ref}'s ${plural(file.count, 'observable')} (${format}, TLP:${file.marking}) to ${opts.out}.`);
  });
}

function unknownType(word: string): AppError {
  return new AppError('invalid_input', `"${word}" is not an observable type: use ipv4, ipv6, domain, url, email, md5, sha1, sha256, phone or account.`);
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
