// `rampart playbooks list|validate|import`, run in this process: real files, exit codes. (They never open the database.)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rampartInProcess } from '../support/cli.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPORA } from '../support/corpora.js';

const work = mkdtempSync(path.join(tmpdir(), 'rampart-pbcli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const haveCorpora = existsSync(path.join(CORPORA, 'thehive')) && existsSync(path.join(CORPORA, 'cacao'));
if (!haveCorpora) console.warn(`[skip] playbook import CLI tests: the corpora are not at ${CORPORA}`);

function rampart(args: string[], env: Record<string, string> = {}) {
  return rampartInProcess(args, { DATA_DIR: path.join(work, 'data'), PLAYBOOKS_DIR: undefined, ...env });
}

describe('rampart playbooks', () => {
  it('validate reports every problem with file, line and path and exits 1; the built-in library is clean', async () => {
    const builtin = await rampart(['playbooks', 'validate']);
    expect(builtin.code).toBe(0);
    expect(builtin.stdout).toMatch(/^8 valid playbooks in the built-in library; 0 errors, 0 warnings\.$/m);

    const dir = path.join(work, 'bad');
    await rampart(['playbooks', 'validate', dir]).then((r) => expect(r.stderr).toMatch(/bad: folder not found/));
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'ok.yaml'), 'id: ok\ntitle: Fine\nsummary: A fine one\nsections:\n  - name: Do\n    steps:\n      - title: One thing\n');
    writeFileSync(
      path.join(dir, 'broken.yaml'),
      'id: broken\ntitle: Broken\nsummary: Two problems\nsections:\n  - name: Identify\n    steps:\n      - title: First\n        owner: comms\n        due: soon\n      - title: ""\n',
    );
    writeFileSync(path.join(dir, 'twin.yaml'), 'id: ok\ntitle: Twin\nsummary: Same id\nsections:\n  - name: Do\n    steps:\n      - title: One\n');
    const r = await rampart(['playbooks', 'validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${path.join(dir, 'broken.yaml')}:9: sections[0].steps[0].due: a duration such as 30m, 4h, 2d or 1h30m`,
      `${path.join(dir, 'broken.yaml')}:10: sections[0].steps[1].title: must not be empty`,
      `${path.join(dir, 'twin.yaml')}:1: id: id "ok" is already used by ${path.join(dir, 'ok.yaml')}; this file is skipped`,
    ]);
    expect(r.stdout).toMatch(/1 valid playbook in .*bad; 3 errors, 0 warnings/);

    // The bot's view: the custom folder's good file loads next to the built-ins, and the bad ones are reported.
    const listed = await rampart(['playbooks', 'list'], { PLAYBOOKS_DIR: dir });
    expect(listed.code).toBe(1);
    expect(listed.stdout).toMatch(/^ok +1 steps +Fine \(custom\)/m);
    expect(listed.stdout).toMatch(/^phishing +\d+ steps +Phishing or credential-harvesting email +\[phishing\]/m);
  });

  it.skipIf(!haveCorpora)('import converts a TheHive template into YAML that validates, and refuses to overwrite', async () => {
    const out = path.join(work, 'imported');
    const file = path.join(CORPORA, 'thehive/thehive_case_template_RP_0001_phishing_email.json');
    const r = await rampart(['playbooks', 'import', file, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported TheHive playbook ".+" \(41 steps in 6 sections, \d+ warnings\) to .*\.yaml\./);
    const written = r.stdout.match(/to (.*\.yaml)\./)![1]!;
    expect(readFileSync(written, 'utf8')).toMatch(/^# Imported from TheHive/m);
    expect((await rampart(['playbooks', 'validate', out])).code).toBe(0);
    const again = await rampart(['playbooks', 'import', file, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; use --force to replace it/);
  });

  it.skipIf(!haveCorpora)('import of CACAO prints YAML with schema warnings on stderr, and names the step of a dangling reference', async () => {
    const schemas = path.join(CORPORA, 'cacao/schemas');
    const ok = await rampart(['playbooks', 'import', path.join(CORPORA, 'cacao/examples/soarca/ssh-playbook.json')], { CACAO_SCHEMAS_DIR: schemas });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/title: Execute command[\s\S]*title: Touch file/);
    expect(ok.stderr).toMatch(/^warning: /m);
    const dangling = await rampart(['playbooks', 'import', path.join(CORPORA, 'cacao/examples/soarca/missing_step_playbook.json')]);
    expect(dangling.code).toBe(1);
    expect(dangling.stderr).toMatch(/step "BIA for CoAs" \(action--.*\) refers to "end--.*" \(on_completion\), which is not a step in workflow/);
    writeFileSync(path.join(work, 'notes.txt'), 'hello');
    const notJson = await rampart(['playbooks', 'import', path.join(work, 'notes.txt')]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/notes\.txt is not JSON/);
  });
});
