import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberedSteps } from '../../../src/core/playbooks/playbook.js';
import { ImportError } from '../../../src/core/playbooks/import/result.js';
import { importTheHive } from '../../../src/core/playbooks/import/thehive.js';
import { CORPORA } from '../../support/corpora.js';

const THEHIVE = path.join(CORPORA, 'thehive');
const present = existsSync(THEHIVE);
if (!present) console.warn(`[skip] TheHive corpus tests: the corpus is not at ${THEHIVE}`);

const read = (relative: string): unknown => JSON.parse(readFileSync(path.join(THEHIVE, relative), 'utf8'));
const imported = (relative: string) => importTheHive(read(relative), path.join(THEHIVE, relative));
const titles = (relative: string) => numberedSteps(imported(relative).playbook).map((s) => s.step.title);
const SIX = 'Preparation / Identification / Containment / Remediation / Recovery / Aftermath';

// Counts and titles checked against the files by hand: tasks sorted by `order`, sections by first appearance.
const CORPUS: [file: string, steps: number, sections: string, first: string, last: string][] = [
  ['cert-sg-irm/IRM-1-worm-infection.json', 12, 'Preparation / Identification / Indentification / Containment / Remediation / Recovery / Aftermath', 'Preparation', 'Capitalize'],
  ['cert-sg-irm/IRM-10-social-engineering.json', 6, 'Preparation / Containment / Remediation / Recovery / Aftermath', 'Prepare to track the attacker', 'Capitalize'],
  ['cert-sg-irm/IRM-11-information-leakage.json', 8, SIX, 'Contacts identification', 'Lessons learned'],
  ['cert-sg-irm/IRM-12-insider-abuse.json', 10, SIX, 'Contacts', 'Capitalize'],
  ['cert-sg-irm/IRM-13-phishing.json', 12, SIX, 'Preparation', 'Lessons learned'],
  ['cert-sg-irm/IRM-14-scam.json', 10, SIX, 'Information gathering', 'Lessons learned'],
  ['cert-sg-irm/IRM-14-windows-intrusion.json', 26, SIX, 'Provide access to forensic investigator', 'Capitalize'],
  ['cert-sg-irm/IRM-15-trademark-infringement.json', 11, SIX, 'Preparation', 'Lessons learned'],
  ['cert-sg-irm/IRM-17-ransomware.json', 9, SIX, 'Preparation', 'Capitalize'],
  ['cert-sg-irm/IRM-3-unix-linux-intrusion-detection.json', 15, SIX, 'Preparation', 'Capitalize'],
  ['cert-sg-irm/IRM-4-ddos.json', 12, SIX, 'Internet Service Provider support', 'Lessons learned'],
  ['cert-sg-irm/IRM-5-malicious-network-behaviour.json', 12, SIX, 'Intrusion Detection Systems', 'Capitalize'],
  ['cert-sg-irm/IRM-6-website-defacement.json', 9, SIX, 'Preparation', 'Report'],
  ['cert-sg-irm/IRM-7-windows-malware-detection.json', 15, SIX, 'Preparation', 'Capitalize'],
  ['cert-sg-irm/IRM-8-blackmail.json', 10, SIX, 'Contacts', 'Capitalize'],
  ['cert-sg-irm/IRM-9-smartphone-malware.json', 7, SIX, 'Preparation', 'Capitalize'],
  ['intercert-fr-fr/chiffrement-ou-effacement-en-cours-endiguement.json', 8, 'Endiguement', 'Mesure 1 - Isoler temporairement d’Internet', 'Clôture & bascule remédiation'],
  ['intercert-fr-fr/chiffrement-ou-effacement-en-cours-qualification.json', 4, 'Qualification', 'Mesure 1 - Confirmer l’incident rançongiciel', 'Mesure 4 - Évaluer l’urgence'],
  ['intercert-fr-fr/compromission-dun-compte-de-messagerie-endiguement.json', 10, 'Endiguement', 'Mesure 1 - Reprendre le contrôle du compte', 'Clôture & REX'],
  ['intercert-fr-fr/compromission-dun-compte-de-messagerie-qualification.json', 5, 'Qualification', 'Mesure 1 - Identifier le compte suspecté', "Mesure 5 - Évaluer l'urgence à résoudre l'incident"],
  // Its tasks are stored out of order, one of them in group "Endiguement " with a trailing space.
  ['intercert-fr-fr/compromission-dun-equipement-de-bordure-reseau-endiguement.json', 8, 'Endiguement', 'Mesure 1 - Isoler l’équipement', 'Clôture & retour au service'],
  ['intercert-fr-fr/compromission-dun-equipement-de-bordure-reseau-qualification.json', 4, 'Qualification', 'Mesure 1 - Confirmer la compromission', 'Mesure 4 - Évaluer l’urgence'],
  ['intercert-fr-fr/compromission-dun-tenant-azure-endiguement.json', 5, 'Endiguement', "Cas 1 : Compromission d'un compte Microsoft 365 ou Entra ID", "Cas 5 : Fuite d'informations"],
  ['intercert-fr-fr/compromission-dun-tenant-azure-qualification.json', 4, 'Qualification', 'Mesure 1 - Confirmer le type d’incident', "Mesure 4 - Évaluer l'urgence à résoudre l'incident"],
  ['intercert-fr-fr/compromission-dun-tiers-endiguement.json', 7, 'Endiguement', 'Mesure 1 - Sensibiliser les équipes en interne', 'Clôture & nouvelles garanties'],
  ['intercert-fr-fr/compromission-dun-tiers-qualification.json', 3, 'Qualification', 'Mesure 1 - Confirmer l’incident de type compromission d’un Tiers', 'Mesure 3 - Évaluer en parallèle l’impact de l’incident et l’urgence à intervenir'],
  ['intercert-fr-fr/compromission-systeme-endiguement.json', 7, 'Endiguement', 'Mesure 1 - Figer la situation', 'Clôture d’endiguement & plan de remédiation'],
  ['intercert-fr-fr/compromission-systeme-qualification.json', 5, 'Qualification', 'Mesure 1 - Identifier le système concerné', "Mesure 5 - Évaluer l'urgence à résoudre l'incident"],
  ['intercert-fr-fr/defiguration-de-site-web-endiguement.json', 8, 'Endiguement', 'Mesure 1 - Mettre le site web hors-ligne', 'Mesure 8 - Limiter la propagation sur les machines hôtes'],
  ['intercert-fr-fr/defiguration-de-site-web-qualification.json', 5, 'Qualification', 'Mesure 1 - Confirmer la défiguration', 'Mesure 5 - Évaluer l’urgence à résoudre l’incident'],
  ['intercert-fr-fr/deni-de-service-reseau-endiguement.json', 6, 'Endiguement', 'Mesure 1 — Ordonner vos actions et déterminer les mesures en fonction du déni de service', 'Clôture & REX'],
  ['intercert-fr-fr/deni-de-service-reseau-qualification.json', 5, 'Qualification', 'Mesure 1 - Confirmer l’incident de type déni de service réseau', 'Mesure 5 - Déterminer l’urgence de la résolution'],
  ['intercert-fr-fr/fuite-de-donnees-endiguement.json', 9, 'Endiguement', 'Priorisation initiale & cas d’usage', 'Clôture d’endiguement & passage en remédiation'],
  ['intercert-fr-fr/fuite-de-donnees-qualification.json', 6, 'Qualification', 'Mesure 1 - Confirmer la fuite de données', 'Qualification finale'],
  ['thehive_case_template_RP_0001_phishing_email.json', 41, 'Preparation / Identification / Containment / Eradication / Recovery / Lessons Learned', '1 | RA1001: Practice', '41 | RA6002: Conduct lessons learned exercise'],
];

describe.skipIf(!present)('importing the TheHive corpus', () => {
  it('covers every template in the corpus', () => {
    const onDisk = ['cert-sg-irm', 'intercert-fr-fr'].flatMap((dir) =>
      readdirSync(path.join(THEHIVE, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`),
    );
    expect(CORPUS.map(([file]) => file).sort()).toEqual([...onDisk, 'thehive_case_template_RP_0001_phishing_email.json'].sort());
  });

  it.each(CORPUS)('%s: %i steps, sections %s, from "%s" to "%s"', (file, steps, sections, first, last) => {
    const { playbook } = imported(file);
    const all = numberedSteps(playbook);
    expect(all).toHaveLength(steps);
    expect(playbook.sections.map((s) => s.name).join(' / ')).toBe(sections);
    expect(all[0]?.step.title).toBe(first);
    expect(all.at(-1)?.step.title).toBe(last);
    expect(playbook.source).toEqual({ format: 'thehive', file: path.basename(file), id: (read(file) as { name: string }).name });
  });

  it('reads the TheHive 3/4 file: 41 steps in 6 sections in order, no credit, a summary from the first line', () => {
    const { playbook, warnings } = imported('thehive_case_template_RP_0001_phishing_email.json');
    expect(playbook.sections.map((s) => [s.name, s.steps.length])).toEqual([
      ['Preparation', 16],
      ['Identification', 9],
      ['Containment', 6],
      ['Eradication', 2],
      ['Recovery', 6],
      ['Lessons Learned', 2],
    ]);
    expect(titles('thehive_case_template_RP_0001_phishing_email.json')).toEqual(Array.from({ length: 41 }, (_, i) => expect.stringMatching(new RegExp(`^${i + 1} \\| RA\\d{4}: `))));
    expect(playbook).toMatchObject({ id: 'rp0001-phishing-email', title: 'RP0001: Phishing email', summary: 'Response playbook for Phishing Email case', incident_types: [] });
    expect(playbook.credit).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('keeps a 7,963-character description whole, and French accents intact', () => {
    const file = 'intercert-fr-fr/compromission-dun-tenant-azure-qualification.json';
    const source = (read(file) as { tasks: { title: string; description: string }[] }).tasks.find((t) => t.title === 'Mesure 1 - Confirmer le type d’incident');
    const step = numberedSteps(imported(file).playbook)[0]!.step;
    expect(step.title).toBe('Mesure 1 - Confirmer le type d’incident');
    expect(step.details).toHaveLength(7963);
    expect(step.details).toBe(source?.description);

    const fr = imported('intercert-fr-fr/compromission-systeme-qualification.json').playbook;
    expect(fr).toMatchObject({ id: 'compromission-systeme-qualification', title: 'Compromission système - Qualification', summary: '💻 Compromission système – Qualification' });
    expect(titles('intercert-fr-fr/compromission-systeme-qualification.json')[0]).toBe('Mesure 1 - Identifier le système concerné');
    expect(imported('intercert-fr-fr/compromission-dun-equipement-de-bordure-reseau-endiguement.json').playbook.id).toBe('compromission-dun-equipement-de-bordure-reseau-endiguement');
  });

  it('keeps a repeated title twice (Windows Intrusion has "Know your network" at order 2 and 3)', () => {
    const all = numberedSteps(imported('cert-sg-irm/IRM-14-windows-intrusion.json').playbook).map((s) => s.step);
    expect(all.filter((s) => s.title === 'Know your network')).toHaveLength(2);
    const [first, second] = all.slice(2, 4);
    expect([first?.title, second?.title]).toEqual(['Know your network', 'Know your network']);
    expect(first?.details).toMatch(/^A good knowledge of the usual network activity/);
    expect(second?.details).toMatch(/^A good knowledge of the usual services/);
  });

  it('credits CERT Société Générale with the IRM sheet from the display name, and InterCERT-FR for the French sheets', () => {
    expect(imported('cert-sg-irm/IRM-14-windows-intrusion.json').playbook.credit).toBe(
      'Content: CERT Société Générale, Incident Response Methodology IRM-2 (CC BY 3.0, github.com/certsocietegenerale/IRM); TheHive template by StrangeBee',
    );
    expect(imported('cert-sg-irm/IRM-1-worm-infection.json').playbook.credit).toContain('IRM-1 (CC BY 3.0');
    expect(imported('intercert-fr-fr/fuite-de-donnees-endiguement.json').playbook.credit).toMatch(/^Content: InterCERT-FR/);
  });
});

type Task = { title?: unknown; group?: string; description?: string; order?: number; owner?: string };
const aTemplate = (tasks: Task[], extra: Record<string, unknown> = {}) => ({ _type: 'CaseTemplate', name: 'Test template', description: '', tasks, ...extra });
const stepsOf = (doc: unknown) => numberedSteps(importTheHive(doc, '/in/t.json').playbook).map((s) => `${s.section}: ${s.step.title}`);

describe('importing inline TheHive templates', () => {
  it('sorts by order, keeps file order on ties, puts group-less tasks under "Tasks" and warns about a split group', () => {
    const doc = aTemplate([
      { title: 'c', group: 'B', order: 2 },
      { title: 'a', group: 'A', order: 1 },
      { title: 'tie 1', order: 3 },
      { title: 'tie 2', group: '  ', order: 3 },
      { title: 'back to A', group: 'A', order: 4 },
      { title: 'no order', group: 'A' },
    ]);
    expect(stepsOf(doc)).toEqual(['A: no order', 'A: a', 'A: back to A', 'B: c', 'Tasks: tie 1', 'Tasks: tie 2']);
    expect(importTheHive(doc, 't.json').warnings).toEqual(['tasks of group "A" are not consecutive by order; they are kept together in one section']);
  });

  it('keeps repeated titles, cuts a long title with the full one in details, and warns about a dropped owner', () => {
    const long = `Check ${'very '.repeat(40)}carefully`;
    const { playbook, warnings } = importTheHive(
      aTemplate([
        { title: 'Same', order: 1 },
        { title: 'Same', order: 2, owner: 'alice@corp' },
        { title: long, order: 3, description: 'Body.' },
      ]),
      't.json',
    );
    const [a, b, c] = playbook.sections[0]!.steps;
    expect([a?.title, b?.title]).toEqual(['Same', 'Same']);
    expect(c?.title).toHaveLength(150);
    expect(c?.title.endsWith('…')).toBe(true);
    expect(c?.details).toBe(`${long}\n\nBody.`);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('owner "alice@corp" is not kept');
  });

  it('makes an ASCII id from any name and falls back when nothing is left', () => {
    const named = (name: string) => importTheHive(aTemplate([{ title: 'x' }], { name }), 't.json').playbook;
    expect(named("Défiguration d'un site – Cœur / Été 2024").id).toBe('defiguration-dun-site-coeur-ete-2024');
    expect(named('事件対応').id).toBe('thehive-template');
    expect(named(`${'long-word '.repeat(10)}end`).id).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
    expect(named('Plain').summary).toBe('Imported from TheHive');
  });

  it.each([
    ['a list', [aTemplate([{ title: 'x' }])], /not a TheHive case template: it is a list of 1 items/],
    ['null', null, /expected a JSON object, found null/],
    ['a string', 'tasks', /expected a JSON object, found string/],
    ['a case, not a template', { _type: 'Case', tasks: [{ title: 'x' }] }, /it is a TheHive "Case"/],
    ['no tasks list', { name: 'T' }, /it has no "tasks" list/],
    ['zero tasks', aTemplate([]), /t\.json: case template "Test template" has no tasks/],
    ['too many tasks', aTemplate(Array.from({ length: 201 }, (_, i) => ({ title: `t${i}` }))), /has 201 tasks; a playbook holds at most 200/],
    ['a task without a title', aTemplate([{ title: 'ok' }, { title: ' ' }]), /tasks\[1\] has no title/],
    ['a task that is not an object', { tasks: ['do it'] }, /tasks\[0\] is not an object/],
  ])('refuses %s', (_what, doc, message) => {
    expect(() => importTheHive(doc, '/x/t.json')).toThrow(ImportError);
    expect(() => importTheHive(doc, '/x/t.json')).toThrow(message);
  });

  it('turns a schema failure into an ImportError naming the file and the path', () => {
    const doc = aTemplate([{ title: 'x', description: 'y'.repeat(40_001) }]);
    expect(() => importTheHive(doc, '/x/t.json')).toThrow(/^t\.json: .*sections\[0\]\.steps\[0\]\.details: at most 40,000 characters/);
  });
});
