// The CACAO importer against every example in the shared corpora (OASIS's and SOARCA's, some deliberately broken),
// then against small documents written here for the cases the corpora lack: decisions, loops, joins, parallels.
import { Buffer } from 'node:buffer';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCacao, ImportError, type ImportResult } from '../../../src/core/playbooks/import/cacao.js';
import { checkedPlaybook } from '../../../src/core/playbooks/import/result.js';
import { playbookSchema } from '../../../src/core/playbooks/schema.js';
import { CORPORA } from '../../support/corpora.js';

const CACAO = path.join(CORPORA, 'cacao');
const SCHEMAS = path.join(CACAO, 'schemas');
const haveCacao = existsSync(path.join(CACAO, 'examples'));
if (!haveCacao) console.warn(`[skip] CACAO corpus tests: the CACAO corpora are not at ${CACAO}`);

const examples = (dir: string) => (haveCacao ? readdirSync(path.join(CACAO, 'examples', dir)).map((f) => `${dir}/${f}`) : []);
const fromCorpus = (rel: string) => {
  const file = path.join(CACAO, 'examples', rel);
  return importCacao(JSON.parse(readFileSync(file, 'utf8')), file, { schemasDir: SCHEMAS });
};
const titles = (r: ImportResult) => r.playbook.sections.flatMap((s) => s.steps.map((st) => st.title));
const steps = (r: ImportResult) => r.playbook.sections.flatMap((s) => s.steps);
const schemaProblems = (r: ImportResult) => r.warnings.filter((w) => w.startsWith('CACAO schema: '));
const otherWarnings = (r: ImportResult) => r.warnings.filter((w) => !w.startsWith('CACAO schema: '));

const FLOW = ['IMC assets by CVE', 'BIA for CVE', 'Generate CoAs', 'BIA for CoAs'];
const NO_EXCEPTION = 'workflow_exception "end--40131926-89e9-44df-a018-5f92f2df7914" is not a step in workflow; ignored';
const LOCKY = [
  'Use a software protection technique',
  "Install LockyBart on victim's endpoint",
  'Wipe System Restore Points with VSSadmin',
  'Generate a seed to create a key to encrypt user’s files.',
  'Enumerate the files it wants to encrypt, skipping certain folders to speed it up',
  "Generate Key using data on victim's endpoint",
  'Encrypt Files',
  'Encrypt key',
  'Create and display ransom note',
];
const owners = (n: number, owner: string) => Array<string>(n).fill(owner);

/** Each importable corpus file: id, checklist titles in order, [section, steps], owners, number of schema problems,
 * the other warnings. */
type Expected = [string, string[], [string, number][], string[], number, string[]];
const IMPORTS: Record<string, Expected> = {
  'oasis/basic-example-1.json': ['bad-mac-address', ['Block MAC address'], [['Steps', 1]], ['Network Admin'], 1, []],
  'oasis/locky-bart-mbc-examples.json': ['lockybart-ransomware', LOCKY, [['Steps', 9]], [...owners(2, 'Adversary Group'), ...owners(7, 'LockyBart')], 11, []],
  'oasis/spec-3.1-example.json': ['find-malware-fuzzypanda', ['IP Lookup'], [['Steps', 1]], ['IR team'], 1, []],
  'soarca/fin-playbook.json': ['new-playbook1', ['Action 2fd6bca0'], [['Steps', 1]], ['soarca-fin-pong-f896bb3b-bb37-429e-8ece-2d4286cf326d'], 2, []],
  'soarca/http-playbook.json': ['example-http', ['get'], [['Steps', 1]], ['soarca-http-api'], 2, []],
  // The last step points at itself; the walk still ends.
  'soarca/infinite_playbook.json': ['soarca-main-flow', [...FLOW, 'End SOARCA Main Flow'], [['Steps', 5]], owners(5, 'banana rama'), 6, [NO_EXCEPTION]],
  'soarca/integration-api-routes-playbook.json': ['soarca-main-flow', FLOW, [['Steps', 4]], owners(4, 'banana rama'), 5, [NO_EXCEPTION]],
  'soarca/invalid_email_playbook.json': ['soarca-main-flow', FLOW, [['Steps', 4]], owners(4, 'banana rama'), 5, [NO_EXCEPTION]],
  // Invalid only against the schemas (an agent of type "invalid"): warned about, imported leniently.
  'soarca/invalid_playbook.json': ['soarca-main-flow', FLOW, [['Steps', 4]], owners(4, 'Firewall 1'), 5, [NO_EXCEPTION]],
  'soarca/manual-playbook.json': ['example-manual', ['manual'], [['Steps', 1]], ['soarca-manual'], 3, []],
  'soarca/openc2-playbook.json': ['example-ssh', ['openc2'], [['Steps', 1]], ['soarca-openc2-http'], 3, []],
  // The parallel step starts the flow; its second branch is only an end step, so only the first becomes a section.
  'soarca/parallels_playbook.json': ['soarca-main-flow', ['BIA for CVE'], [['BIA for CVE', 1]], ['banana rama'], 3, [NO_EXCEPTION]],
  'soarca/playbook.json': ['soarca-main-flow', FLOW, [['Steps', 4]], owners(4, 'banana rama'), 5, [NO_EXCEPTION]],
  'soarca/powershell-playbook.json': ['soarca-powershell-playbook', ['PowerShell example'], [['Steps', 1]], ['soarca-powershell'], 4, []],
  'soarca/ssh-playbook.json': ['example-ssh', ['Execute command', 'Touch file'], [['Steps', 2]], ['soarca-ssh', 'soarca-ssh'], 3, []],
};

/** Step details worth pinning: commands, manual instructions, substituted variables, bare `__names__` left alone. */
const DETAILS: Record<string, (string | undefined)[]> = {
  'oasis/basic-example-1.json': ['This command blocks a MAC address on a switch.\n\nCommands:\n• ssh: Switch(conf)#mac address-table static 3467.0933.341c vlan X drop'],
  'oasis/spec-3.1-example.json': ['Lookup the IP address in the SIEM\n\nLook up IP 1.2.3.4 in SIEM'],
  'soarca/ssh-playbook.json': ['Execute command specified in variable\n\nCommands:\n• ssh: ls -la', 'Touch file at path specified by variable\n\nCommands:\n• ssh: touch /root/file1'],
  'soarca/manual-playbook.json': ['Instruction to the operator to be executed manually\n\nprepare Falcon for hyperspeed jump'],
  'soarca/fin-playbook.json': ['Commands:\n• pong'],
  'soarca/powershell-playbook.json': ['Commands:\n• powershell: pwd'],
};

/** The corpus files that cannot be imported, and exactly why. */
const REFUSED: Record<string, string> = {
  'oasis/identity-object.json': 'identity-object.json: not a CACAO playbook: its type is "identity"',
  'soarca/changed-playbook.json': 'changed-playbook.json: workflow is an array (CACAO 1.x format); CACAO 2.0 needs an object keyed by step id',
  'soarca/missing_step_playbook.json':
    'missing_step_playbook.json: step "BIA for CoAs" (action--2190f685-1857-44ac-ad0e-0ded6c6ef3ce) refers to ' +
    '"end--6b23c237-ade8-4d00-9aa1-75999738d558" (on_completion), which is not a step in workflow',
};

describe.skipIf(!haveCacao)('importCacao on the corpora', () => {
  it('has an expectation for every example file', () => {
    expect([...examples('oasis'), ...examples('soarca')].sort()).toEqual([...Object.keys(IMPORTS), ...Object.keys(REFUSED)].sort());
  });

  it.each(Object.entries(IMPORTS))('imports %s', async (rel, [id, stepTitles, sections, stepOwners, schema, warnings]) => {
    const r = await fromCorpus(rel);
    expect(playbookSchema.parse(r.playbook)).toEqual(r.playbook);
    expect(r.playbook.id).toBe(id);
    expect(titles(r)).toEqual(stepTitles);
    expect(r.playbook.sections.map((s) => [s.name, s.steps.length])).toEqual(sections);
    expect(steps(r).map((s) => s.owner)).toEqual(stepOwners);
    expect(schemaProblems(r)).toHaveLength(schema);
    expect(otherWarnings(r)).toEqual(warnings);
    const doc = JSON.parse(readFileSync(path.join(CACAO, 'examples', rel), 'utf8')) as { id: string; workflow: Record<string, unknown> };
    expect(r.playbook.source).toEqual({ format: 'cacao', file: path.basename(rel), id: doc.id });
    // Every checklist step keeps its CACAO step id.
    for (const step of steps(r)) expect(doc.workflow).toHaveProperty([step.id!]);
    if (DETAILS[rel]) expect(steps(r).map((s) => s.details)).toEqual(DETAILS[rel]);
  });

  it.each(Object.entries(REFUSED))('refuses %s', async (rel, message) => {
    await expect(fromCorpus(rel)).rejects.toMatchObject({ name: 'ImportError', message });
    await expect(fromCorpus(rel)).rejects.toBeInstanceOf(ImportError);
  });

  it('reports schema problems with their path (basic example, invalid_playbook.json, parallels_playbook.json)', async () => {
    expect(schemaProblems(await fromCorpus('oasis/basic-example-1.json'))).toEqual([
      'CACAO schema: /workflow/action--6398eb05-3eb8-43f5-87d3-f24e07492a41/commands/0: must NOT have unevaluated properties (command)',
    ]);
    expect(schemaProblems(await fromCorpus('soarca/invalid_playbook.json'))).toContain(
      'CACAO schema: /agent_definitions/http-api--7e9174ec-a293-43df-a72d-471c79e276bf/type: must be equal to one of the allowed values (http-api)',
    );
    expect(schemaProblems(await fromCorpus('soarca/parallels_playbook.json'))).toContain(
      'CACAO schema: /workflow/parallel--a76dbc32-b739-427b-ae13-4ec703d5797e: must NOT have unevaluated properties (agent)',
    );
  });

  it('lists at most 20 schema problems, then counts the rest', async () => {
    const chain = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [A(i + 1), act(`Step ${i + 1}`, i === 24 ? E : A(i + 2), { vendor_key: 1 })]));
    const r = await importCacao(aCacao(A(1), chain), 'many.json', { schemasDir: SCHEMAS });
    // Each step lacks commands and agent and has vendor_key: 75 problems.
    expect(r.warnings).toHaveLength(21);
    expect(r.warnings[0]).toBe(`CACAO schema: /workflow/${A(1)}: must have required property 'commands'`);
    expect(r.warnings[2]).toBe(`CACAO schema: /workflow/${A(1)}: must NOT have unevaluated properties (vendor_key)`);
    expect(r.warnings[20]).toBe('…and 55 more schema problems');
  });

  it('warns and skips validation when the schema folder does not exist', async () => {
    const r = await importCacao(aCacao(A(1), { [A(1)]: act('Do it') }), 'x.json', { schemasDir: path.join(CACAO, 'no-such-folder') });
    expect(r.warnings).toEqual([expect.stringMatching(/^CACAO schemas not found in .*no-such-folder \(.*\); skipped schema validation$/)]);
    expect(titles(r)).toEqual(['Do it']);
  });
});

// Step ids that match the schemas' identifier pattern; n shows in the first block, which names unnamed steps.
const id = (type: string, n: number) => `${type}--${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const S = id('start', 0);
const E = id('end', 0);
const A = (n: number) => id('action', n);
const act = (name: string, next?: string, more: object = {}) => ({ type: 'action', name, ...(next ? { on_completion: next } : {}), ...more });
/** A CACAO 2.0 playbook: a start step leading to `first`, the given steps and an end step E. */
const aCacao = (first: string, workflow: Record<string, object>, extra: object = {}) => ({
  type: 'playbook',
  spec_version: 'cacao-2.0',
  id: 'playbook--00000000-0000-4000-8000-000000000000',
  name: 'Inline test',
  created_by: 'identity--00000000-0000-4000-8000-000000000000',
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  workflow_start: S,
  workflow: { [S]: { type: 'start', on_completion: first }, [E]: { type: 'end' }, ...workflow },
  ...extra,
});
const importInline = async (doc: unknown) => {
  const r = await importCacao(doc, '/tmp/in/inline.json');
  expect(playbookSchema.parse(r.playbook)).toEqual(r.playbook);
  return r;
};

describe('importCacao on inline documents', () => {
  it('builds id, title and summary from the playbook, and says schema validation was skipped', async () => {
    const doc = aCacao(A(1), { [A(1)]: act('Do it') }, { name: ' Réponse à l’incident: phishing! ', description: 'Stop the bleeding. Then tidy up.\nMore.' });
    const r = await importInline(doc);
    expect(r.warnings).toEqual(['CACAO schemas not found; skipped schema validation']);
    expect(r.playbook).toEqual({
      id: 'reponse-a-l-incident-phishing',
      title: 'Réponse à l’incident: phishing!',
      summary: 'Stop the bleeding.',
      incident_types: [],
      source: { format: 'cacao', file: 'inline.json', id: 'playbook--00000000-0000-4000-8000-000000000000' },
      sections: [{ name: 'Steps', steps: [{ id: A(1), title: 'Do it' }] }],
    });
  });

  it.each([
    ['an array workflow', { ...aCacao(A(1), {}), workflow: [] }, 'workflow is an array (CACAO 1.x format); CACAO 2.0 needs an object keyed by step id'],
    ['no workflow_start', { ...aCacao(A(1), { [A(1)]: act('x') }), workflow_start: undefined }, 'workflow_start is missing'],
    ['a workflow_start not in workflow', { ...aCacao(A(1), { [A(1)]: act('x') }), workflow_start: A(7) }, `workflow_start "${A(7)}" is not a step in workflow`],
    [
      'a dangling on_true',
      aCacao(id('if-condition', 1), { [id('if-condition', 1)]: { type: 'if-condition', name: 'Is it bad?', condition: 'x', on_true: A(9), on_completion: E } }),
      `step "Is it bad?" (${id('if-condition', 1)}) refers to "${A(9)}" (on_true), which is not a step in workflow`,
    ],
    ['no action steps', aCacao(E, {}), 'no action steps: nothing in the workflow can become a checklist step'],
    ['too many steps', aCacao(A(1), Object.fromEntries(Array.from({ length: 201 }, (_, i) => [A(i + 1), act(`S${i}`, i === 200 ? E : A(i + 2))]))), '201 checklist steps; a playbook holds at most 200'],
    ['not a playbook', [], 'not a CACAO playbook: expected a JSON object, found an array'],
  ])('refuses %s', async (_, doc, message) => {
    await expect(importCacao(doc, 'inline.json')).rejects.toMatchObject({ name: 'ImportError', message: `inline.json: ${message}` });
  });

  it('substitutes __name__:value from step and playbook variables, and keeps unknown or bare references', async () => {
    const step = act('Look up __ip__:value', E, {
      description: 'Ask __who__:value about __ip__:value; __unknown__:value and __ip__ stay.',
      commands: [{ type: 'manual', command: 'Search __ip__:value in the SIEM' }],
      step_variables: { __ip__: { type: 'ipv4-addr', value: '10.0.0.9' } },
    });
    const vars = { __ip__: { type: 'ipv4-addr', value: '1.2.3.4' }, __who__: { type: 'string', value: 'the SOC' } };
    const r = await importInline(aCacao(A(1), { [A(1)]: step }, { playbook_variables: vars }));
    expect(steps(r)[0]).toMatchObject({
      title: 'Look up 10.0.0.9',
      details: 'Ask the SOC about 10.0.0.9; __unknown__:value and __ip__ stay.\n\nSearch 10.0.0.9 in the SIEM',
    });
  });

  it('lists a step reached by two paths once, after both, and names each branch target', async () => {
    const IF = id('if-condition', 1);
    const r = await importInline(
      aCacao(A(1), {
        [A(1)]: act('Triage', IF),
        [IF]: { type: 'if-condition', name: 'Is the host a server?', condition: "[host:role = 'server']", on_true: A(2), on_false: A(3), on_completion: A(4) },
        [A(2)]: act('Page the server team', A(5)),
        [A(3)]: act('Call the user', A(5)),
        [A(5)]: act('Isolate the host', E),
        [A(4)]: act('Write it up', E),
      }),
    );
    expect(titles(r)).toEqual(['Triage', 'Decide: Is the host a server?', 'Page the server team', 'Call the user', 'Isolate the host', 'Write it up']);
    expect(steps(r)[1]).toEqual({
      id: IF,
      title: 'Decide: Is the host a server?',
      details: "Condition: [host:role = 'server']\n\nAfterwards, go on with “Write it up”.",
      branches: [{ when: 'true', then: 'Page the server team' }, { when: 'false', then: 'Call the user' }],
    });
  });

  it('lists a while loop body once, spells the repetition out, and keeps the condition as written', async () => {
    const WH = id('while-condition', 1);
    const r = await importInline(
      aCacao(WH, {
        [WH]: { type: 'while-condition', condition: '__infected__:value = true', on_true: A(1), on_completion: A(2), step_variables: { __infected__: { type: 'bool', value: 'true' } } },
        [A(1)]: act('Clean one more host', WH),
        [A(2)]: act('Close the incident', E),
      }),
    );
    expect(titles(r)).toEqual(['Decide: __infected__:value = true', 'Clean one more host', 'Close the incident']);
    expect(steps(r)[0]?.branches).toEqual([{ when: 'true', then: 'Clean one more host' }, { when: 'false', then: 'Close the incident' }]);
    expect(steps(r)[0]?.details).toBe(
      'Repeat “Clean one more host” while __infected__:value = true, checking again after each round.\n\nAfterwards, go on with “Close the incident”.',
    );
  });

  it('turns a switch into one branch per case and a default', async () => {
    const SW = id('switch-condition', 1);
    const r = await importInline(
      aCacao(SW, {
        [SW]: { type: 'switch-condition', name: 'Severity', switch: '__sev__:value', cases: { high: A(1), low: A(2), default: E }, on_completion: A(3) },
        [A(1)]: act('Wake the CISO', E),
        [A(2)]: act('Email the CISO', E),
        [A(3)]: act('Log it', E),
      }),
    );
    expect(titles(r)).toEqual(['Decide: Severity', 'Wake the CISO', 'Email the CISO', 'Log it']);
    expect(steps(r)[0]?.branches).toEqual([{ when: 'high', then: 'Wake the CISO' }, { when: 'low', then: 'Email the CISO' }, { when: 'default', then: 'end' }]);
    expect(steps(r)[0]?.details).toBe('Switch on: __sev__:value\n\nAfterwards, go on with “Log it”.');
  });

  it('gives each parallel branch a section, continues after it, and lists unreachable steps last with a warning', async () => {
    const P = id('parallel', 1);
    const reset = Buffer.from('Reset the password of __user__:value').toString('base64');
    const workflow = {
      [A(1)]: act('Declare', P),
      [P]: { type: 'parallel', name: 'Contain', next_steps: [A(2), A(4)], on_completion: A(6) },
      [A(2)]: act('Block the IP', A(3)),
      [A(3)]: act('Check the firewall', E),
      [A(4)]: { type: 'action', commands: [{ type: 'manual', command_b64: reset }], agent: 'individual--1', on_completion: E },
      [A(6)]: { ...act('Report'), on_success: E, on_failure: A(7) },
      [A(7)]: act('Report by phone', E),
      [A(8)]: act('Forgotten', A(9)),
      [A(9)]: act('Forgotten too'),
    };
    const agents = { 'individual--1': { type: 'individual', name: 'Help desk' } };
    const r = await importInline(aCacao(A(1), workflow, { playbook_variables: { __user__: { type: 'string', value: 'alice' } }, agent_definitions: agents }));
    expect(r.playbook.sections.map((s) => [s.name, s.steps.map((st) => st.title)])).toEqual([
      ['Steps', ['Declare']],
      ['Block the IP', ['Block the IP', 'Check the firewall']],
      ['Parallel branch 2', ['Action 00000004']],
      ['After Contain', ['Report', 'Report by phone']],
      ['Unreachable steps', ['Forgotten', 'Forgotten too']],
    ]);
    expect(steps(r)[3]).toMatchObject({ details: 'Reset the password of alice', owner: 'Help desk' });
    expect(steps(r)[5]?.details).toBe('Reached when “Report” fails.');
    expect(r.warnings[1]).toBe(`2 steps not reachable from workflow_start, listed under "Unreachable steps": "Forgotten" (${A(8)}), "Forgotten too" (${A(9)})`);
  });

  it('shortens long titles, keeps the full name in details, and warns about what it leaves out', async () => {
    const name = `Contain ${'the host '.repeat(20)}`.trim();
    const step = act(name, E, { type: 'vendor-step', agent: 'nobody', commands: [{ type: 'manual', command_b64: '////' }] });
    const r = await importInline(aCacao(A(1), { [A(1)]: step }, { workflow_exception: id('end', 5) }));
    expect(steps(r)[0]?.title).toBe(`${name.slice(0, 149)}…`);
    expect(steps(r)[0]?.title).toMatch(/^Contain the host .* the ho…$/);
    expect(steps(r)[0]?.details).toBe(name);
    const who = `"${name.slice(0, 79)}…" (${A(1)})`;
    expect(r.warnings.slice(1)).toEqual([
      `workflow_exception "${id('end', 5)}" is not a step in workflow; ignored`,
      `step ${who} has unknown type "vendor-step"; imported as an action`,
      `step ${who}: command_b64 is not base64-encoded text; left out`,
      `step ${who}: agent "nobody" is not in agent_definitions; no owner set`,
    ]);
  });

  it('puts the steps of workflow_exception in their own section', async () => {
    const doc = aCacao(A(1), { [A(1)]: act('Work', E), [A(2)]: act('Roll back', E) }, { workflow_exception: A(2) });
    const r = await importInline(doc);
    expect(r.playbook.sections.map((s) => [s.name, s.steps.map((st) => st.title)])).toEqual([
      ['Steps', ['Work']],
      ['If the playbook fails', ['Roll back']],
    ]);
  });

  it('turns a playbook that fails playbookSchema into an ImportError naming the path', () => {
    const bad = { id: 'x', title: 'X', summary: 'X', incident_types: [], sections: [{ name: 'Steps', steps: [{ title: ' ' }] }] };
    expect(() => checkedPlaybook(bad)).toThrow(new ImportError('the imported playbook is not valid: sections[0].steps[0].title: must not be empty'));
  });
});
