// `rampart playbooks list|validate|import`: checking playbook files and converting CACAO 2.0 and TheHive exports into
// our YAML. Problems go to stderr with file and line; the exit code says whether anything was wrong.
import { plural, loadLibrary, formatProblem, loadPlaybookDir, type PlaybookProblem, numberedSteps, importPlaybookText, ImportError, playbookToYaml } from '../core/index.js';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../shared/errors.js';

type Out = (line: string) => void;

/** `rampart playbooks list`: the playbooks the bot would offer. */
export async function listPlaybooksCommand(config: Config, out: Out, err: Out): Promise<number> {
  const library = await loadLibrary({ ...(config.playbooksDir ? { customDir: config.playbooksDir } : {}), incidentTypes: config.incidentTypes });
  for (const p of library.all()) {
    const origin = library.origin(p.id)!;
    const tag = origin.custom ? (origin.overrides ? ' (custom, replaces built-in)' : ' (custom)') : '';
    out(`${p.id.padEnd(22)} ${String(numberedSteps(p).length).padStart(3)} steps  ${p.title}${tag}  [${p.incident_types.join(', ')}]`);
  }
  library.problems.forEach((p) => err(formatProblem(p)));
  return library.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** `rampart playbooks validate [DIR]`: every problem with file, line and path; exit 1 when any is an error. */
export async function validatePlaybooksCommand(config: Config, dir: string | undefined, out: Out, err: Out): Promise<number> {
  let problems: PlaybookProblem[];
  let count: number;
  if (dir) {
    const loaded = await loadPlaybookDir(dir);
    problems = loaded.problems;
    count = loaded.playbooks.length;
  } else {
    const library = await loadLibrary({ ...(config.playbooksDir ? { customDir: config.playbooksDir } : {}), incidentTypes: config.incidentTypes });
    problems = [...library.problems];
    count = library.all().length;
  }
  problems.forEach((p) => err(formatProblem(p)));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const where = dir ?? (config.playbooksDir ? `the built-in library and ${config.playbooksDir}` : 'the built-in library');
  out(`${count} valid playbook${count === 1 ? '' : 's'} in ${where}; ${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}.`);
  return errors > 0 ? 1 : 0;
}

/** `rampart playbooks import <file> [--out DIR] [--force]`: writes <id>.yaml into DIR, or prints it. */
export async function importPlaybookCommand(
  config: Config,
  file: string,
  opts: { out?: string; force: boolean },
  out: Out,
  err: Out,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError('invalid_input', `Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  let result;
  try {
    result = await importPlaybookText(text, file, config.cacaoSchemasDir ? { cacaoSchemasDir: config.cacaoSchemasDir } : {});
  } catch (e) {
    if (e instanceof ImportError) throw new AppError('invalid_input', `${e.message}`);
    throw e;
  }
  const { playbook, warnings, format } = result;
  warnings.forEach((w) => err(`warning: ${w}`));
  const yaml = playbookToYaml(playbook, { warnings });
  if (!opts.out) {
    out(yaml.trimEnd());
    return 0;
  }
  await mkdir(opts.out, { recursive: true });
  const target = path.join(opts.out, `${playbook.id}.yaml`);
  if (existsSync(target) && !opts.force) throw new AppError('invalid_input', `${target} already exists; use --force to replace it.`);
  await writeFile(target, yaml, 'utf8');
  const steps = numberedSteps(playbook).length;
  out(`Imported ${format === 'cacao' ? 'CACAO 2.0' : 'TheHive'} playbook "${playbook.title}" (${plural(steps, 'step')} in ${plural(playbook.sections.length, 'section')}, ${plural(warnings.length, 'warning')}) to ${target}.`);
  return 0;
}
