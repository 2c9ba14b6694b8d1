// The built-in playbook library: every shipped file is valid and complete, and custom folders override it by id.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_TYPES } from '../../../src/core/incidents/incident-types.js';
import { loadLibrary, type PlaybookLibrary } from '../../../src/core/playbooks/library.js';
import { BUILTIN_PLAYBOOKS_DIR, loadPlaybookDir, type LoadedPlaybook, type PlaybookProblem } from '../../../src/core/playbooks/load.js';
import { durationMs, numberedSteps, OWNER_ROLES, PHASES } from '../../../src/core/playbooks/playbook.js';

const EXPECTED_IDS = [
  'account-compromise',
  'comms-compromise',
  'ddos-defacement',
  'decoy-tripped',
  'leaked-documents',
  'lost-device',
  'malware',
  'phishing',
];

let builtin: { playbooks: LoadedPlaybook[]; problems: PlaybookProblem[] };
let library: PlaybookLibrary;
beforeAll(async () => {
  builtin = await loadPlaybookDir(BUILTIN_PLAYBOOKS_DIR);
  library = await loadLibrary({ incidentTypes: DEFAULT_INCIDENT_TYPES });
});

describe('built-in playbook library', () => {
  it('loads without a single problem, not even a warning about incident types', () => {
    expect(builtin.problems).toEqual([]);
    expect(library.problems).toEqual([]);
  });

  it('ships the expected playbooks', () => {
    const ids = builtin.playbooks.map((p) => p.playbook.id);
    expect(ids).toEqual(expect.arrayContaining(EXPECTED_IDS));
    expect(library.all().map((p) => p.id)).toEqual(expect.arrayContaining(EXPECTED_IDS));
    for (const id of EXPECTED_IDS) expect(library.origin(id)).toEqual({ file: path.join(BUILTIN_PLAYBOOKS_DIR, `${id}.yaml`), custom: false, overrides: false });
  });

  it('names every file after the id it holds', () => {
    for (const { playbook, file } of builtin.playbooks) expect(path.basename(file)).toBe(`${playbook.id}.yaml`);
  });

  it('keeps every playbook between 8 and 25 steps', () => {
    for (const { playbook } of builtin.playbooks) {
      const n = numberedSteps(playbook).length;
      expect({ id: playbook.id, ok: n >= 8 && n <= 25 }).toEqual({ id: playbook.id, ok: true });
    }
  });

  it('gives every section a phase, in the canonical phase order', () => {
    for (const { playbook } of builtin.playbooks) {
      const order = playbook.sections.map((s) => (s.phase === undefined ? -1 : PHASES.indexOf(s.phase)));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(order).size).toBe(order.length);
    }
  });

  it('gives every step an id unique within its playbook, an owner and a title of at most 150 characters', () => {
    for (const { playbook } of builtin.playbooks) {
      const steps = numberedSteps(playbook).map((s) => s.step);
      const ids = steps.map((s) => s.id);
      expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      for (const step of steps) {
        expect(step.owner?.trim()).toBeTruthy();
        expect(step.title.length).toBeLessThanOrEqual(150);
      }
    }
  });

  it('names an incident role as the owner of most steps', () => {
    const roles: readonly string[] = OWNER_ROLES;
    for (const { playbook } of builtin.playbooks) {
      const owners = numberedSteps(playbook).map((s) => s.step.owner!.toLowerCase());
      expect(owners.some((o) => roles.includes(o))).toBe(true);
      expect(owners).toContain('commander');
    }
  });

  it('applies each playbook to a type and covers every incident type except other', () => {
    const known = new Set<string>(DEFAULT_INCIDENT_TYPES);
    for (const { playbook } of builtin.playbooks) {
      expect(playbook.incident_types.length).toBeGreaterThan(0);
      for (const type of playbook.incident_types) expect(known.has(type)).toBe(true);
    }
    const uncovered = DEFAULT_INCIDENT_TYPES.filter((t) => t !== 'other' && library.forType(t).length === 0);
    expect(uncovered).toEqual([]);
  });

  it('offers the phishing playbook for a phishing incident', () => {
    expect(library.forType('phishing').map((p) => p.id)).toEqual(['phishing']);
    expect(library.forType('ransomware').map((p) => p.id)).toEqual(['malware']);
    expect(library.forType('disinformation').map((p) => p.id)).toEqual(['leaked-documents']);
    expect(library.get('phishing')?.title).toMatch(/phishing/i);
  });

  it('asks for a note on at least one step of each playbook, with a prompt', () => {
    for (const { playbook } of builtin.playbooks) {
      const notes = numberedSteps(playbook).filter((s) => s.step.requires === 'note');
      expect(notes.length).toBeGreaterThan(0);
      for (const s of notes) expect(s.step.prompt?.trim()).toBeTruthy();
    }
  });

  it('puts due times on early steps, all of which parse', () => {
    for (const { playbook } of builtin.playbooks) {
      const steps = numberedSteps(playbook).map((s) => s.step);
      const dues = steps.flatMap((s) => (s.due === undefined ? [] : [s.due]));
      expect(dues.length).toBeGreaterThan(0);
      for (const due of dues) expect(durationMs(due)).toBeGreaterThan(0);
      // The first step is urgent: it always has a due time.
      expect(steps[0]!.due).toBeDefined();
    }
  });

  it('ends with a learn phase that has a review and an awareness step', () => {
    for (const { playbook } of builtin.playbooks) {
      const learn = playbook.sections.at(-1)!;
      expect(learn.phase).toBe('learn');
      const titles = learn.steps.map((s) => s.title.toLowerCase()).join('\n');
      expect(titles).toMatch(/review/);
      expect(titles).toMatch(/staff|reminder/);
    }
  });

  it('covers authenticity, originals, forgeries, the press and deadlines in leaked-documents', () => {
    const text = JSON.stringify(library.get('leaked-documents')).toLowerCase();
    for (const word of ['authentic', 'metadata', 'hash', 'originals', 'forged', 'press', 'silence', 'gdpr']) expect(text).toContain(word);
  });

  it('points comms-compromise at the out-of-band plan and verification phrases', () => {
    const text = JSON.stringify(library.get('comms-compromise'));
    for (const word of ['/incident oob', 'verification phrase', 'token', 'audit log']) expect(text).toContain(word);
  });
});

describe('custom playbook folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rampart-playbooks-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const valid = (id: string, title: string) =>
    [
      `id: ${id}`,
      `title: ${title}`,
      'summary: A custom playbook for the test',
      'incident_types: [phishing]',
      'sections:',
      '  - name: Identify',
      '    phase: identify',
      '    steps:',
      '      - title: Look at it',
      '        owner: commander',
      '',
    ].join('\n');

  it('overrides a built-in by id, reports bad and duplicate files, and still loads the rest', async () => {
    await writeFile(path.join(dir, 'a-phishing.yaml'), valid('phishing', 'Our own phishing checklist'));
    await writeFile(
      path.join(dir, 'broken.yaml'),
      [
        'id: broken',
        'title: Broken playbook',
        'summary: Has a bad due time',
        'sections:',
        '  - name: Identify',
        '    phase: identify',
        '    steps:',
        '      - title: Do something',
        '        due: soon',
        '',
      ].join('\n'),
    );
    await writeFile(path.join(dir, 'twin-a.yaml'), valid('twin', 'First twin'));
    await writeFile(path.join(dir, 'twin-b.yaml'), valid('twin', 'Second twin'));

    const lib = await loadLibrary({ customDir: dir });

    expect(lib.get('phishing')?.title).toBe('Our own phishing checklist');
    expect(lib.origin('phishing')).toEqual({ file: path.join(dir, 'a-phishing.yaml'), custom: true, overrides: true });
    expect(lib.forType('phishing').map((p) => p.id).sort()).toEqual(['phishing', 'twin']);
    expect(lib.origin('malware')?.overrides).toBe(false);
    expect(lib.get('twin')?.title).toBe('First twin');
    expect(lib.origin('twin')).toEqual({ file: path.join(dir, 'twin-a.yaml'), custom: true, overrides: false });
    expect(lib.get('broken')).toBeUndefined();
    expect(lib.all().map((p) => p.id)).toEqual(expect.arrayContaining(EXPECTED_IDS));

    expect(lib.problems).toHaveLength(2);
    expect(lib.problems).toContainEqual(
      expect.objectContaining({ file: path.join(dir, 'broken.yaml'), line: 9, path: 'sections[0].steps[0].due', severity: 'error' }),
    );
    const twin = lib.problems.find((p) => p.file === path.join(dir, 'twin-b.yaml'));
    expect(twin).toMatchObject({ path: 'id', severity: 'error' });
    expect(twin?.message).toContain(path.join(dir, 'twin-a.yaml'));
  });
});
