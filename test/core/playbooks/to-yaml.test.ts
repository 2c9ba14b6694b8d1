import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTheHive } from '../../../src/core/playbooks/import/thehive.js';
import { playbookToYaml } from '../../../src/core/playbooks/import/to-yaml.js';
import { parsePlaybook } from '../../../src/core/playbooks/load.js';
import type { Playbook } from '../../../src/core/playbooks/playbook.js';
import { CORPORA } from '../../support/corpora.js';

const THEHIVE = path.join(CORPORA, 'thehive');
const present = existsSync(THEHIVE);
if (!present) console.warn(`[skip] TheHive round-trip tests: the corpus is not at ${THEHIVE}`);
const corpusFiles = present
  ? [
      ...['cert-sg-irm', 'intercert-fr-fr'].flatMap((dir) =>
        readdirSync(path.join(THEHIVE, dir)).filter((f) => f.endsWith('.json')).map((f) => path.join(THEHIVE, dir, f)),
      ),
      path.join(THEHIVE, 'thehive_case_template_RP_0001_phishing_email.json'),
    ]
  : [];

/** The text back through the loader: it must load without a problem. */
function reread(text: string): Playbook {
  const { playbook, problems } = parsePlaybook(text, 'x.yaml');
  expect(problems).toEqual([]);
  return playbook!;
}

describe.skipIf(!present)('TheHive corpus round trip', () => {
  it('has the 35 corpus files', () => expect(corpusFiles).toHaveLength(35));

  it.each(corpusFiles.map((f) => [path.relative(THEHIVE, f), f]))('%s reads back equal to the import', (_name, file) => {
    const { playbook, warnings } = importTheHive(JSON.parse(readFileSync(file, 'utf8')), file);
    const text = playbookToYaml(playbook, { warnings });
    expect(reread(text)).toEqual(playbook);
    expect(text.startsWith(`# Imported from TheHive case template "${playbook.source?.id}" in ${path.basename(file)}.\n`)).toBe(true);
  });
});

// Every field a step can have, and text that trips up hand-written YAML.
const awkward: Playbook = {
  id: 'awkward',
  title: 'Phishing: "urgent" # not a comment',
  summary: "It's a test: yes, no, null, ~, 0x1F and 1e3 stay strings",
  version: 3,
  incident_types: ['phishing', 'account-takeover'],
  credit: 'Content: © Société Générale — CC BY 3.0 🛡️',
  source: { format: 'cacao', file: 'playbook--1.json', id: 'playbook--1' },
  sections: [
    {
      name: '- Contain: first #1',
      phase: 'contain',
      steps: [
        {
          id: 'block-sender',
          title: "'single' and \"double\" quotes: & * ! | > % @ ` { } [ ]",
          owner: '<@U123ABC>',
          due: '1h30m',
          requires: 'note',
          prompt: 'Which sender? (key: value)',
          branches: [
            { when: 'yes', then: 'null' },
            { when: 'Sender is internal: true', then: '#2 escalate' },
          ],
          details: '  starts with spaces\n\n# a Markdown heading\n---\n...\nkey: value\n- item\n\ttab\ntrailing spaces   \nlast line without newline',
        },
        { title: 'Déjà vu à l’été 🎉🔒 — naïve façade', details: `${'Very long line without a break, '.repeat(200)}end` },
        { title: 'Windows line ends', details: 'one\r\ntwo\r\n' },
        { title: 'Trailing blank lines', details: '\n\nafter two blank lines\n\n\n' },
        { title: 'true' },
        { title: '123' },
      ],
    },
    { name: 'Learn', steps: [{ title: 'Write the report', owner: 'comms', requires: 'confirm' }] },
  ],
};

describe('playbookToYaml', () => {
  it('writes text that reads back equal, awkward strings included', () => {
    const text = playbookToYaml(awkward);
    expect(reread(text)).toEqual(awkward);
  });

  it('orders keys as documented and uses literal blocks for multi-line text', () => {
    const text = playbookToYaml(awkward);
    const topKeys = text.split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.split(':')[0]);
    expect(topKeys).toEqual(['id', 'title', 'summary', 'version', 'incident_types', 'credit', 'source', 'sections']);
    const stepKeys = text.split('\n').slice(text.split('\n').findIndex((l) => l.includes('id: block-sender'))).slice(0, 14);
    const order = ['id', 'title', 'owner', 'due', 'requires', 'prompt', 'branches', 'details'].map((k) => stepKeys.findIndex((l) => new RegExp(`^\\s+(- )?${k}:`).test(l)));
    expect(order.every((n, i) => n >= 0 && (i === 0 || n > order[i - 1]!))).toBe(true);
    expect(text).toMatch(/^ {8}details: \|/m);
    expect(text).toContain(`        details: ${'Very long line without a break, '.repeat(200)}end\n`);
  });

  it('omits undefined keys instead of writing null', () => {
    const sparse: Playbook = {
      id: 'sparse',
      title: 'Sparse',
      summary: 'Only what is set',
      version: undefined,
      incident_types: [],
      credit: undefined,
      source: undefined,
      sections: [{ name: 'Only', phase: undefined, steps: [{ title: 'One', owner: undefined, details: undefined }] }],
    };
    const text = playbookToYaml(sparse);
    expect(text).not.toMatch(/null|version|credit|source|phase|owner|details/);
    expect(text).toBe('id: sparse\ntitle: Sparse\nsummary: Only what is set\nincident_types: []\nsections:\n  - name: Only\n    steps:\n      - title: One\n');
  });

  it('puts a header and warnings in comments that cannot break out into YAML', () => {
    const text = playbookToYaml(awkward, { header: ['Converted by hand', 'second line\nid: injected'], warnings: ['step 3: title cut'] });
    expect(text.split('\n').slice(0, 5)).toEqual(['# Converted by hand', '# second line', '# id: injected', '# warning: step 3: title cut', '']);
    expect(reread(text).id).toBe('awkward');
    expect(playbookToYaml(awkward).split('\n')[0]).toBe('# Imported from CACAO playbook "playbook--1" in playbook--1.json.');
    expect(playbookToYaml({ ...awkward, source: undefined }).startsWith('id: awkward\n')).toBe(true);
  });
});
