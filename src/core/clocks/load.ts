// Reading NOTIFICATION_REGIMES_FILE once at start-up: a broken file stops the bot with every problem listed (file, line,
// field, what was expected), like RULES_FILE. A deadline applied to a clock must be the one the bot started with.
import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors.js';
import { unreadableFile } from '../unreadable-file.js';
import { formatProblem, parseYamlWith } from '../playbooks/load.js';
import { parseOffset, type Regime } from './regime.js';
import { regimesFileSchema } from './schema.js';

/** Parses regimes YAML; throws invalid_input naming the file, line and field of every problem. */
export function parseRegimes(text: string, file: string): Regime[] {
  const { value, problems } = parseYamlWith(regimesFileSchema, text, file);
  if (value && problems.length === 0) {
    return value.regimes.map((r) => ({
      id: r.id,
      name: r.name,
      ...(r.source ? { source: r.source } : {}),
      deadlines: r.deadlines.map((d) => ({ id: d.id, label: d.label, after: parseOffset(d.after)! })),
    }));
  }
  const list = problems.length > 0 ? problems.map(formatProblem) : [`${file}: the file is empty`];
  throw new AppError('invalid_input', `The notification regimes file is not valid: ${list.join('; ')}.`, { file, problems: list });
}

/** Reads and checks a regimes file. */
export function loadRegimesSync(file: string): Regime[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw unreadableFile('notification regimes file', file, err);
  }
  return parseRegimes(text, file);
}
