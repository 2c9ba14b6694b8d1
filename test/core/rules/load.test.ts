// The rules file's format: the documented example loads, every kind of mistake is reported with its file, line and
// path, and the first matching rule is the one that applies.
import { describe, expect, it } from 'vitest';
import { loadRulesSync, parseRules } from '../../../src/core/rules/load.js';
import { describeRule, matchRule } from '../../../src/core/rules/rule.js';
import { DEFAULT_INCIDENT_TYPES } from '../../../src/core/incidents/incident-types.js';

const CTX = { incidentTypes: [...DEFAULT_INCIDENT_TYPES], playbookIds: ['phishing', 'account-compromise', 'malware'] };
const EXAMPLE = 'docs/examples/rules.yaml';

/** The one error message a bad file gives. */
function problemOf(text: string, ctx = CTX): string {
  try {
    parseRules(text, 'rules.yaml', ctx);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('the rules file', () => {
  it('loads the documented example, in order, with its matchers and actions', () => {
    const { rules } = loadRulesSync(EXAMPLE, CTX);
    expect(rules.map((r) => r.name)).toEqual(['account-takeover', 'phishing', 'any-sev1']);
    expect(rules[0]).toEqual({
      name: 'account-takeover',
      types: ['account-compromise'],
      severities: ['sev1', 'sev2'],
      users: [],
      usergroups: ['S0ONCALL01'],
      playbook: 'account-compromise',
      commander: { firstOf: 'S0ONCALL01' },
    });
    expect(rules[2]!.commander).toEqual({ user: 'U0SECLEAD1' });
    expect(describeRule(rules[1]!)).toBe('phishing (phishing, any severity): invite U0MAILADM1; start phishing');
  });

  it('applies the first rule that matches, and none when nothing does', () => {
    const rules = loadRulesSync(EXAMPLE, CTX);
    expect(matchRule(rules, { type: 'account-compromise', severity: 'sev1' })?.name).toBe('account-takeover');
    // account-takeover wants sev1/sev2, so a sev3 compromise falls through; any-sev1 wants sev1.
    expect(matchRule(rules, { type: 'account-compromise', severity: 'sev3' })).toBeUndefined();
    expect(matchRule(rules, { type: 'phishing', severity: 'sev1' })?.name).toBe('phishing');
    expect(matchRule(rules, { type: 'malware', severity: 'sev1' })?.name).toBe('any-sev1');
    expect(matchRule(undefined, { type: 'malware', severity: 'sev1' })).toBeUndefined();
  });

  it.each([
    ['a YAML syntax error, with its line', 'rules:\n  - name: a\n    when: [unclosed\n', /^The rules file is not valid: rules\.yaml:\d+: YAML: /],
    ['a misspelt key, with its line and path', 'rules:\n  - name: a\n    playbok: phishing\n', /rules\.yaml:3: rules\[0\]: Unrecognized key: "playbok"/],
    ['an unknown severity', 'rules:\n  - name: a\n    when:\n      severity: [sev1, critical]\n', /rules\.yaml:4: rules\[0\]\.when\.severity\[1\]: must be a severity \(sev1, sev2, sev3, sev4\)/],
    ['an unknown incident type', 'rules:\n  - name: a\n    when:\n      type: phising\n', /rules\.yaml:4: rules\[0\]\.when\.type\[0\]: must be an incident type \(phishing, /],
    ['a playbook that does not exist', 'rules:\n  - name: a\n    playbook: nope\n', /rules\.yaml:3: rules\[0\]\.playbook: must be a playbook id \(phishing, account-compromise, malware\)/],
    ['a user name instead of an id', 'rules:\n  - name: a\n    invite:\n      users: ["@alice"]\n', /rules\[0\]\.invite\.users\[0\]: must be a Slack user id such as U0123ABCD/],
    ['a commander group that is a user', 'rules:\n  - name: a\n    commander: { first_of: U0ALICE01 }\n', /rules\.yaml:3: rules\[0\]\.commander\.first_of: must be a Slack user group id/],
    ['a commander that is neither a user nor a group', 'rules:\n  - name: a\n    commander: alice\n', /rules\.yaml:3: rules\[0\]\.commander: must be a Slack user id such as U0123ABCD/],
    ['two rules with one name', 'rules:\n  - name: a\n  - name: a\n', /rules\.yaml:3: rules\[1\]\.name: "a" is used by an earlier rule/],
    ['no rules at all', 'rules: []\n', /rules: list at least one rule/],
    ['an empty file', '# nothing yet\n', /rules\.yaml: the file is empty/],
  ])('refuses %s', (_, text, expected) => {
    expect(problemOf(text)).toMatch(expected);
  });

  it('lists every problem of a file at once', () => {
    const message = problemOf('rules:\n  - name: a\n    playbook: nope\n  - name: b\n    when:\n      severity: high\n');
    expect(message).toMatch(/rules\[0\]\.playbook: .*; rules\.yaml:6: rules\[1\]\.when\.severity/);
  });

  it('says when the file is missing', () => {
    expect(() => loadRulesSync('docs/examples/no-such-rules.yaml')).toThrow('The rules file docs/examples/no-such-rules.yaml does not exist.');
  });
});
