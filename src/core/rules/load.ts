// Reading RULES_FILE: once at start-up (a broken file stops the bot with every problem listed: file, line, path, what
// was expected) and by `rampart rules check`. Unlike the out-of-band plan, rules are not re-read on each use: a rule
// applied to a declaration must be the one the bot was started with, so what ran can always be told.
import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors.js';
import { unreadableFile } from '../unreadable-file.js';
import { formatProblem, parseYamlWith } from '../playbooks/load.js';
import type { IncidentRules } from './rule.js';
import { rulesFileSchema, type RulesContext, type RulesFile } from './schema.js';

/** Parses rules YAML; throws invalid_input naming the file, line and field of every problem. */
export function parseRules(text: string, file: string, ctx: RulesContext = {}): IncidentRules {
  // Comments only count as empty too: YAML reads them as null, which would be reported as a wrong type.
  const empty = !/^\s*[^#\s]/m.test(text);
  const { value, problems } = empty ? { problems: [] } : parseYamlWith(rulesFileSchema(ctx), text, file);
  if (value && problems.length === 0) return { file, rules: value.rules.map(toRule) };
  const list = problems.length > 0 ? problems.map(formatProblem) : [`${file}: the file is empty`];
  throw new AppError('invalid_input', `The rules file is not valid: ${list.join('; ')}.`, { file, problems: list });
}

/** Reads and checks a rules file. */
export function loadRulesSync(file: string, ctx: RulesContext = {}): IncidentRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw unreadableFile('rules file', file, err);
  }
  return parseRules(text, file, ctx);
}

function toRule(r: RulesFile['rules'][number]): IncidentRules['rules'][number] {
  return {
    name: r.name,
    types: r.when?.type ?? [],
    severities: r.when?.severity ?? [],
    users: r.invite?.users ?? [],
    usergroups: r.invite?.usergroups ?? [],
    ...(r.playbook ? { playbook: r.playbook } : {}),
    ...(r.commander ? { commander: typeof r.commander === 'string' ? { user: r.commander } : { firstOf: r.commander.first_of } } : {}),
  };
}
