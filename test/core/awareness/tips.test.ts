// The built-in awareness tips: every shipped tip is valid, the themes staff need are covered, and custom folders
// override and extend the set with problems reported by file and line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_TYPES } from '../../../src/core/incidents/incident-types.js';
import { countSentences, type Tip } from '../../../src/core/awareness/tip.js';
import { BUILTIN_TIPS_DIR, loadTipDir, loadTips, tipLibraryOf, type LoadedTip, type TipLibrary } from '../../../src/core/awareness/library.js';
import type { PlaybookProblem } from '../../../src/core/playbooks/load.js';

let builtin: { tips: LoadedTip[]; problems: PlaybookProblem[] };
let library: TipLibrary;
beforeAll(async () => {
  builtin = await loadTipDir(BUILTIN_TIPS_DIR);
  library = await loadTips({ incidentTypes: DEFAULT_INCIDENT_TYPES });
});

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A temp folder holding the given files. */
async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rampart-tips-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** One tip as YAML lines under `tips:`, with overrides. */
function tipYaml(overrides: Partial<Record<keyof Tip, string>> = {}): string {
  const t = {
    id: 'test-tip',
    title: 'A test tip',
    body: 'This is the first sentence. This is the second one.',
    do: 'Do the right thing.',
    dont: 'Do not do the wrong thing.',
    topics: '[phishing]',
    ...overrides,
  };
  return [`  - id: ${t.id}`, `    title: ${t.title}`, `    body: ${t.body}`, `    do: ${t.do}`, `    dont: ${t.dont}`, `    topics: ${t.topics}`].join('\n');
}

describe('built-in tips', () => {
  it('load without a single problem, not even a warning about topics', () => {
    expect(builtin.problems).toEqual([]);
    expect(library.problems).toEqual([]);
  });

  it('ship at least 32 tips with unique ids, in id order', () => {
    const ids = builtin.tips.map((t) => t.tip.id);
    expect(ids.length).toBeGreaterThanOrEqual(32);
    expect(new Set(ids).size).toBe(ids.length);
    expect(library.all().map((t) => t.id)).toEqual([...ids].sort());
  });

  it('keep every body to two to five sentences', () => {
    const outside = library.all().filter((t) => countSentences(t.body) < 2 || countSentences(t.body) > 5);
    expect(outside.map((t) => t.id)).toEqual([]);
  });

  it.each([
    ['look-alike domains', /look-alike|lookalike/i],
    ['MFA and push bombing', /MFA|two-step|push/i],
    ['password managers', /password manager/i],
    ['OAuth consent phishing', /OAuth|app.*access/i],
    ['QR-code phishing', /QR/i],
    ['deepfakes and pretexting', /deepfake|voice|video call/i],
    ['where sensitive talk belongs', /Signal|approved channel|e-mail/i],
    ['updates and encryption', /update|encrypt/i],
    ['public Wi-Fi and travel', /Wi-Fi|travel/i],
    ['USB sticks', /USB/i],
    ['social-media oversharing', /oversharing|social media/i],
    ['forged leaks and disinformation', /forg|disinformation|leak/i],
    ['reporting', /report/i],
  ])('cover %s', (_theme, pattern) => {
    expect(library.all().some((t) => pattern.test(t.title) || pattern.test(t.body))).toBe(true);
  });

  it('cover the Rampart ways to report: the button, /incident declare and the message shortcut', () => {
    const text = library.all().map((t) => `${t.title} ${t.body} ${t.do}`).join('\n');
    expect(text).toContain('Report something suspicious');
    expect(text).toContain('/incident declare');
    expect(text).toContain('Report as incident');
  });

  it('make every incident type but other, decoy-tripped, ddos and defacement a topic of some tip', () => {
    const topics = new Set(library.all().flatMap((t) => t.topics));
    const expected = DEFAULT_INCIDENT_TYPES.filter((t) => !['other', 'decoy-tripped', 'ddos', 'defacement'].includes(t));
    for (const type of expected) expect({ type, covered: topics.has(type) }).toEqual({ type, covered: true });
  });

  it('say where each tip came from', () => {
    const origin = library.origin('mfa-fatigue');
    expect(origin).toEqual({ file: path.join(BUILTIN_TIPS_DIR, 'accounts.yaml'), custom: false, overrides: false });
    expect(library.get('MFA-Fatigue')?.id).toBe('mfa-fatigue');
  });
});

describe('loading tip folders', () => {
  it('reports a one-sentence body at the body line with its path', async () => {
    const dir = await folderWith({ 'bad.yaml': `# a comment\ntips:\n${tipYaml({ body: 'Only one sentence here.' })}\n` });
    const { tips, problems } = await loadTipDir(dir);
    expect(tips).toEqual([]);
    expect(problems).toEqual([
      { file: path.join(dir, 'bad.yaml'), line: 5, path: 'tips[0].body', message: 'write two to five sentences (found 1)', severity: 'error' },
    ]);
  });

  it('reports a YAML syntax error with its line, and still loads the good files', async () => {
    const dir = await folderWith({ 'a.yaml': `tips:\n${tipYaml({ id: 'good-one' })}\n`, 'b.yaml': 'tips:\n  - id: broken\n    title: [unclosed\n' });
    const { tips, problems } = await loadTipDir(dir);
    expect(tips.map((t) => t.tip.id)).toEqual(['good-one']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: path.join(dir, 'b.yaml'), severity: 'error', message: expect.stringMatching(/^YAML: /) });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('reports an unknown key on its own line', async () => {
    const dir = await folderWith({ 'extra.yaml': `tips:\n${tipYaml()}\n    image: cat.png\n` });
    const { problems } = await loadTipDir(dir);
    expect(problems).toEqual([expect.objectContaining({ file: path.join(dir, 'extra.yaml'), line: 8, path: 'tips[0]', severity: 'error' })]);
    expect(problems[0]!.message).toMatch(/image/);
  });

  it('rejects a do line that spans lines and a file with no tips', async () => {
    const dir = await folderWith({ 'a.yaml': `tips:\n${tipYaml({ do: '|\n      first line\n      second line' })}\n`, 'b.yaml': 'tips: []\n' });
    const { problems } = await loadTipDir(dir);
    expect(problems.map((p) => [path.basename(p.file), p.path, p.message])).toEqual([
      ['a.yaml', 'tips[0].do', 'keep it to one line'],
      ['b.yaml', 'tips', 'a tips file needs at least one tip'],
    ]);
  });

  it('reports a duplicate id at the later tip, naming both files, and keeps the first', async () => {
    const dir = await folderWith({
      'a.yaml': `tips:\n${tipYaml({ id: 'same', title: 'First' })}\n`,
      'b.yaml': `tips:\n${tipYaml({ id: 'other' })}\n${tipYaml({ id: 'same', title: 'Second' })}\n`,
    });
    const { tips, problems } = await loadTipDir(dir);
    expect(tips.map((t) => [t.tip.id, t.tip.title])).toEqual([
      ['same', 'First'],
      ['other', 'A test tip'],
    ]);
    expect(problems).toEqual([
      {
        file: path.join(dir, 'b.yaml'),
        line: 8,
        path: 'tips[1].id',
        message: `tip id "same" is already used in ${path.join(dir, 'a.yaml')}:2; this tip is skipped`,
        severity: 'error',
      },
    ]);
  });

  it('reports a missing folder', async () => {
    const missing = path.join(tmpdir(), 'rampart-no-such-tips-folder');
    expect((await loadTipDir(missing)).problems).toEqual([{ file: missing, line: null, path: '', message: 'folder not found', severity: 'error' }]);
  });
});

describe('custom tips', () => {
  it('override a built-in tip by id and add new ones', async () => {
    const dir = await folderWith({
      'ours.yml': `tips:\n${tipYaml({ id: 'mfa-fatigue', title: 'Our own MFA tip' })}\n${tipYaml({ id: 'our-new-tip', topics: '[]' })}\n`,
    });
    const lib = await loadTips({ customDir: dir, incidentTypes: DEFAULT_INCIDENT_TYPES });
    expect(lib.problems).toEqual([]);
    expect(lib.get('mfa-fatigue')?.title).toBe('Our own MFA tip');
    expect(lib.origin('mfa-fatigue')).toEqual({ file: path.join(dir, 'ours.yml'), custom: true, overrides: true });
    expect(lib.origin('our-new-tip')).toEqual({ file: path.join(dir, 'ours.yml'), custom: true, overrides: false });
    expect(lib.all()).toHaveLength(library.all().length + 1);
  });

  it('warn about topics that are not incident types here, without dropping the tip', async () => {
    const dir = await folderWith({ 'ours.yaml': `tips:\n${tipYaml({ id: 'election-day', topics: '[phishing, voter-fraud]' })}\n` });
    const lib = await loadTips({ customDir: dir, incidentTypes: DEFAULT_INCIDENT_TYPES });
    expect(lib.get('election-day')?.topics).toEqual(['phishing', 'voter-fraud']);
    expect(lib.problems).toEqual([
      { file: path.join(dir, 'ours.yaml'), line: 2, path: 'tips[0].topics[1]', message: '"voter-fraud" is not an incident type here (add it to INCIDENT_TYPES)', severity: 'warning' },
    ]);
  });

  it('default topics to none when the key is left out', async () => {
    const dir = await folderWith({ 'ours.yaml': `tips:\n${tipYaml().split('\n').slice(0, -1).join('\n')}\n` });
    const { tips, problems } = await loadTipDir(dir);
    expect(problems).toEqual([]);
    expect(tips[0]?.tip.topics).toEqual([]);
  });

  it('build a library from loaded tips directly, sorted by id', () => {
    const tip: Tip = { id: 'b', title: 'B', body: 'One. Two.', do: 'x', dont: 'y', topics: [] };
    const lib = tipLibraryOf([{ tip, file: 'b.yaml' }, { tip: { ...tip, id: 'a' }, file: 'a.yaml' }]);
    expect(lib.all().map((t) => t.id)).toEqual(['a', 'b']);
    expect(lib.origin('nope')).toBeUndefined();
    expect(lib.problems).toEqual([]);
  });
});
