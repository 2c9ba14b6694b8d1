// Rules that save the first five minutes (RULES_FILE): per incident type and severity, whom a declaration invites,
// which playbook it starts and who becomes commander. The first rule that matches applies, and only it: a file reads
// top to bottom like a firewall's, so a specific rule goes above a general one and no two rules fight over the commander.
import type { Severity } from '../incidents/incident.js';

/** Who becomes commander: a person, or the first member of a Slack user group (resolved by the Slack worker). */
export type CommanderChoice = { user: string } | { firstOf: string };

/** One rule as core uses it. */
export interface IncidentRule {
  name: string;
  /** Types it matches; empty: every type. */
  types: readonly string[];
  /** Severities it matches; empty: every severity. */
  severities: readonly Severity[];
  users: readonly string[];
  usergroups: readonly string[];
  playbook?: string;
  commander?: CommanderChoice;
}

/** The rules of a file, in its order, and where they came from. */
export interface IncidentRules {
  file: string;
  rules: readonly IncidentRule[];
}

/** The first rule matching a declaration's type and severity, or undefined. */
export function matchRule(rules: IncidentRules | undefined, incident: { type: string; severity: Severity }): IncidentRule | undefined {
  return rules?.rules.find((r) => (r.types.length === 0 || r.types.includes(incident.type)) && (r.severities.length === 0 || r.severities.includes(incident.severity)));
}

/** A rule in one line of plain words, for `/incident help` and the CLI. */
export function describeRule(r: IncidentRule): string {
  const when = [r.types.length > 0 ? r.types.join('/') : 'any type', r.severities.length > 0 ? r.severities.join('/') : 'any severity'].join(', ');
  const does = [
    ...(r.users.length + r.usergroups.length > 0 ? [`invite ${[...r.users, ...r.usergroups].join(', ')}`] : []),
    ...(r.playbook ? [`start ${r.playbook}`] : []),
    ...(r.commander ? ['user' in r.commander ? [`commander ${r.commander.user}`] : [`commander: first of ${r.commander.firstOf}`]] : []),
  ];
  return `${r.name} (${when}): ${does.join('; ') || 'nothing'}`;
}
