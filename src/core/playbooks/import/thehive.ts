// TheHive case templates as playbooks. TheHive 5 exports (`_type: "CaseTemplate"`, `_id`s, `displayName`, customFields
// as a list, tasks with `mandatory`/`assignee`) and the older 3/4 exports (no ids, `metrics`, customFields as an
// object, tasks with an `owner` login and `order` counted from 0) keep the checklist the same way: `tasks[]` with
// title, group, description and order. So one reader serves both; the task owner is the one field that differs, and
// it is not kept because a TheHive login means nothing in Slack.
import path from 'node:path';
import type { Playbook, PlaybookSection, PlaybookStep } from '../playbook.js';
import { MAX_STEP_TITLE, MAX_STEPS } from '../schema.js';
import { checkedPlaybook, ImportError, type ImportResult } from './result.js';

/** Section for tasks that have no group. */
const UNGROUPED = 'Tasks';

type Json = Record<string, unknown>;
const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string => (typeof x === 'string' ? x : '');
/** One line of text: titles and group names sometimes carry stray newlines or trailing spaces ("Endiguement "). */
const oneLine = (x: unknown): string => str(x).replace(/\s+/g, ' ').trim();

/** Converts a TheHive case template (TheHive 5 export or the older 3/4 format), already JSON.parsed, read from `file`. */
export function importTheHive(doc: unknown, file: string): ImportResult {
  const where = path.basename(file);
  const { template, tasks } = readTemplate(doc, where);
  const warnings: string[] = [];
  const name = oneLine(template.name) || oneLine(template.displayName) || where.replace(/\.json$/i, '');
  const draft: Playbook = {
    id: slugify(name),
    title: shorten(name, 100),
    summary: summaryOf(str(template.description)) || 'Imported from TheHive',
    incident_types: [],
    source: { format: 'thehive', file: shorten(where, 300), id: shorten(oneLine(template.name) || oneLine(template._id) || name, 200) },
    sections: toSections(tasks, warnings),
  };
  const credit = creditFor(template, file);
  if (credit) draft.credit = credit;
  if (draft.title !== name) warnings.push(`the template name is longer than 100 characters; the title is shortened`);

  try {
    return { playbook: checkedPlaybook(draft), warnings };
  } catch (err) {
    // checkedPlaybook names the path inside the playbook; the reader also needs the file.
    if (err instanceof ImportError) throw new ImportError(`${where}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** The template and its tasks, or an ImportError saying why this is not a case template we can read. */
function readTemplate(doc: unknown, where: string): { template: Json; tasks: Json[] } {
  const refuse = (why: string) => new ImportError(`${where}: not a TheHive case template: ${why}`);
  if (Array.isArray(doc)) throw refuse(`it is a list of ${doc.length} items; export one case template per file`);
  if (!isRecord(doc)) throw refuse(`expected a JSON object, found ${doc === null ? 'null' : typeof doc}`);
  // TheHive 5 marks every exported entity; a case or an alert also has tasks, but is not a template.
  if (doc._type !== undefined && doc._type !== 'CaseTemplate') throw refuse(`it is a TheHive "${String(doc._type)}"`);
  if (!Array.isArray(doc.tasks)) throw refuse('it has no "tasks" list');
  const label = oneLine(doc.name) || where;
  if (doc.tasks.length === 0) throw new ImportError(`${where}: case template "${label}" has no tasks`);
  if (doc.tasks.length > MAX_STEPS) {
    throw new ImportError(`${where}: case template "${label}" has ${doc.tasks.length} tasks; a playbook holds at most ${MAX_STEPS}`);
  }
  doc.tasks.forEach((t, i) => {
    if (!isRecord(t)) throw new ImportError(`${where}: tasks[${i}] is not an object`);
    if (oneLine(t.title) === '') throw new ImportError(`${where}: tasks[${i}] has no title`);
  });
  return { template: doc, tasks: doc.tasks as Json[] };
}

/** Tasks sorted by `order` (file order for ties), each group a section in order of its first task. */
function toSections(tasks: Json[], warnings: string[]): PlaybookSection[] {
  // TheHive treats a missing order as 0; the index keeps the sort stable on ties whatever the engine does.
  const order = (t: Json) => (typeof t.order === 'number' ? t.order : Number(t.order) || 0);
  const sorted = tasks.map((t, i) => ({ t, i })).sort((a, b) => order(a.t) - order(b.t) || a.i - b.i);
  const sections = new Map<string, PlaybookStep[]>();
  const split = new Set<string>();
  let previous: string | undefined;
  for (const { t } of sorted) {
    const group = shorten(oneLine(t.group) || UNGROUPED, 100);
    const steps = sections.get(group);
    if (steps && previous !== group && !split.has(group)) {
      split.add(group);
      warnings.push(`tasks of group "${group}" are not consecutive by order; they are kept together in one section`);
    }
    if (steps) steps.push(toStep(t, warnings));
    else sections.set(group, [toStep(t, warnings)]);
    previous = group;
  }
  return [...sections].map(([name, steps]) => ({ name, steps }));
}

/** One task as a step: the description whole in details, a long title cut with the full one kept in details. */
function toStep(task: Json, warnings: string[]): PlaybookStep {
  const title = oneLine(task.title);
  const description = str(task.description);
  const step: PlaybookStep = { title: shorten(title, MAX_STEP_TITLE) };
  const details = step.title === title ? description : description.trim() ? `${title}\n\n${description}` : title;
  if (step.title !== title) warnings.push(`task "${step.title}": title longer than ${MAX_STEP_TITLE} characters; the full title is in its details`);
  if (details.trim() !== '') step.details = details;
  const owner = oneLine(task.owner) || oneLine(task.assignee);
  if (owner) warnings.push(`task "${step.title}": TheHive owner "${owner}" is not kept; assign owners in Rampart`);
  return step;
}

/** `text` cut to `max` characters with an ellipsis, never splitting a surrogate pair. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** A playbook id from a template name: ASCII letters and digits joined by hyphens, accents dropped. */
function slugify(name: string): string {
  const ascii = name
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    // "d'un" gives "dun", as TheHive's own export file names do, rather than "d-un".
    .replace(/['’]/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 63).replace(/-+$/, '');
  return slug || 'thehive-template';
}

/** The first line or sentence of a (Markdown) description, without heading marks or emphasis. */
function summaryOf(description: string): string {
  const first = description
    .split('\n')
    .map((l) => l.replace(/^\s*(?:#+|>+|[-*+]\s)\s*/, '').replace(/\*\*|__/g, '').trim())
    .find((l) => l !== '' && !/^[-=*_]{3,}$/.test(l));
  if (!first) return '';
  const sentence = /^.*?[.!?](?=\s|$)/.exec(first)?.[0] ?? first;
  return shorten(sentence, 200);
}

/** Attribution the content's licence asks for, when the template shows where the content comes from. */
function creditFor(template: Json, file: string): string | undefined {
  const said = [template.name, template.displayName, template.description].map(str).join('\n');
  if (/CERT[- ]?SG|Soci[eé]t[eé] G[eé]n[eé]rale/i.test(said) || /cert-sg-irm/i.test(file)) {
    // The sheet number comes from the display name ("Windows Intrusion (CERT-SG IRM2)"): file names are not reliable.
    const sheet = /\bIRM[- ]?(\d+)/i.exec(str(template.displayName))?.[1];
    const irm = sheet ? `Incident Response Methodology IRM-${sheet}` : 'Incident Response Methodologies';
    return `Content: CERT Société Générale, ${irm} (CC BY 3.0, github.com/certsocietegenerale/IRM); TheHive template by StrangeBee`;
  }
  if (/intercert/i.test(said)) return 'Content: InterCERT-FR reflex sheets (intercert-france.fr); TheHive template by StrangeBee (thehive-templates, AGPL-3.0)';
  return undefined;
}
