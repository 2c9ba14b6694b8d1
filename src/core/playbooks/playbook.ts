// What a playbook is once loaded: sections of steps, each step with short text, an owner, an optional due time and
// whether Done needs a note or a confirmation. Pure types and rules; the YAML schema lives in schema.ts.

/** Phases a built-in playbook's sections follow. Imported playbooks may name sections freely. */
export const PHASES = ['identify', 'contain', 'eradicate', 'recover', 'communicate', 'learn'] as const;
export type Phase = (typeof PHASES)[number];

/** Owners that name an incident role rather than a person; the checklist shows who holds the role. */
export const OWNER_ROLES = ['commander', 'comms', 'scribe', 'reporter'] as const;

/** A branch of a decision step: when this holds, go on with that step. */
export interface Branch {
  when: string;
  then: string;
}

/** One checklist step as written in the playbook. */
export interface PlaybookStep {
  id?: string;
  title: string;
  /** Full text: shown through Details when longer than the checklist line. */
  details?: string;
  /** A role (commander, comms, scribe, reporter), a team name, or a Slack user (<@U123>). */
  owner?: string;
  /** Due this long after the playbook starts, e.g. `30m`, `4h`, `2d`. */
  due?: string;
  /** Done asks for a note (kept on the timeline) or a confirmation first. */
  requires?: 'note' | 'confirm';
  /** The question asked when Done needs a note or a confirmation. */
  prompt?: string;
  /** A decision step lists its branches instead of being a plain task. */
  branches?: Branch[];
}

/** A titled group of steps (a phase for built-ins, a TheHive group, a CACAO parallel block). */
export interface PlaybookSection {
  name: string;
  phase?: Phase;
  steps: PlaybookStep[];
}

/** Where an imported playbook came from. */
export interface PlaybookSource {
  format: 'cacao' | 'thehive';
  file: string;
  id?: string;
}

/** A loaded, valid playbook. */
export interface Playbook {
  id: string;
  title: string;
  summary: string;
  version?: number;
  incident_types: string[];
  /** Attribution for content written by others (shown under the checklist). */
  credit?: string;
  source?: PlaybookSource;
  sections: PlaybookSection[];
}

/** Every step with its 1-based number and section, in checklist order. */
export function numberedSteps(p: Pick<Playbook, 'sections'>): { number: number; section: string; step: PlaybookStep }[] {
  let n = 0;
  return p.sections.flatMap((s) => s.steps.map((step) => ({ number: ++n, section: s.name, step })));
}

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Milliseconds in a duration such as `90m`, `4h`, `1d` or `1h30m`; undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  const [, d = '0', h = '0', min = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000;
}
