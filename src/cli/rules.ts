// `rampart rules check [FILE]`: checks a rules file (RULES_FILE by default) as the bot would at start-up, against this
// deployment's incident types and playbooks; every problem on its own line with file, line and path.
import { describeRule, loadLibrary, loadRulesSync, plural } from '../core/index.js';
import type { Config } from '../config.js';
import { AppError } from '../shared/errors.js';

type Out = (line: string) => void;

/** Prints the rules in words, or each problem on stderr; exit 1 when the file is not valid. */
export async function checkRulesCommand(config: Config, file: string | undefined, out: Out, err: Out): Promise<number> {
  const target = file ?? config.rulesFile;
  if (!target) throw new AppError('invalid_input', 'RULES_FILE is not set: name a file, e.g. `rampart rules check docs/examples/rules.yaml`.');
  const library = await loadLibrary({ ...(config.playbooksDir ? { customDir: config.playbooksDir } : {}), incidentTypes: config.incidentTypes });
  try {
    const { rules } = loadRulesSync(target, { incidentTypes: config.incidentTypes, playbookIds: library.all().map((p) => p.id) });
    rules.forEach((r, i) => out(`${i + 1}. ${describeRule(r)}`));
    out(`${plural(rules.length, 'valid rule')} in ${target}; the first that matches a declaration applies.`);
    return 0;
  } catch (e) {
    const problems = e instanceof AppError && Array.isArray(e.details.problems) ? (e.details.problems as string[]) : undefined;
    if (!problems) throw e;
    problems.forEach((p) => err(p));
    return 1;
  }
}
