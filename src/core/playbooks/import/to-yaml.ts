// A playbook written back as our YAML, so an imported one can be reviewed, edited and dropped into PLAYBOOKS_DIR.
// The `yaml` library does all quoting: titles with colons, '#', quotes or leading spaces are exactly the cases where
// hand-written escaping goes wrong, and the round-trip test holds this file to parsePlaybook's reading of it.
import { Document, isMap, isSeq, visit } from 'yaml';
import type { Playbook, PlaybookSection, PlaybookStep } from '../playbook.js';

/** Our YAML for a playbook: readable (block scalars for long text, key order id,title,summary,version,incident_types,credit,source,sections; step keys id,title,owner,due,requires,prompt,branches,details), with a header comment saying where it came from and warnings as comments. */
export function playbookToYaml(playbook: Playbook, opts?: { header?: string[]; warnings?: string[] }): string {
  const doc = new Document(ordered(playbook));
  visit(doc, {
    Scalar(_, node) {
      // Multi-line text (step details, mostly Markdown) reads best as a literal block; the library falls back to a
      // quoted string by itself when a block cannot hold the value (a carriage return, say).
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
    },
  });
  // A blank line between sections, so a long playbook scans by section.
  const sections = doc.get('sections', true);
  if (isSeq(sections)) sections.items.slice(1).forEach((item) => isMap(item) && (item.spaceBefore = true));

  const header = opts?.header ?? defaultHeader(playbook);
  const lines = [...header, ...(opts?.warnings ?? []).map((w) => `warning: ${w}`)].flatMap((l) => l.split('\n'));
  if (lines.length > 0) doc.commentBefore = lines.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
  // lineWidth 0: no folding, so a long line stays one line and reads back exactly as written.
  return doc.toString({ lineWidth: 0 });
}

/** Where the playbook came from, when it was imported. */
function defaultHeader(p: Playbook): string[] {
  if (!p.source) return [];
  const what = p.source.format === 'thehive' ? 'TheHive case template' : 'CACAO playbook';
  const id = p.source.id === undefined ? '' : ` "${p.source.id}"`;
  return [`Imported from ${what}${id} in ${p.source.file}.`, 'Review it, then put it in PLAYBOOKS_DIR.'];
}

/** A copy with the keys in reading order and no undefined values (the YAML would show them as null). */
function ordered(p: Playbook): Record<string, unknown> {
  return compact({
    id: p.id,
    title: p.title,
    summary: p.summary,
    version: p.version,
    incident_types: p.incident_types,
    credit: p.credit,
    source: p.source && compact({ format: p.source.format, file: p.source.file, id: p.source.id }),
    sections: p.sections.map(orderedSection),
  });
}

function orderedSection(s: PlaybookSection): Record<string, unknown> {
  return compact({ name: s.name, phase: s.phase, steps: s.steps.map(orderedStep) });
}

function orderedStep(s: PlaybookStep): Record<string, unknown> {
  return compact({
    id: s.id,
    title: s.title,
    owner: s.owner,
    due: s.due,
    requires: s.requires,
    prompt: s.prompt,
    branches: s.branches?.map((b) => ({ when: b.when, then: b.then })),
    details: s.details,
  });
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
