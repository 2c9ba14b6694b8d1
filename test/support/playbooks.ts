// Playbook builders for tests: a small library with known steps, independent of the built-in YAML files.
import type { Playbook, PlaybookStep } from '../../src/core/playbooks/playbook.js';
import { libraryOf, type PlaybookLibrary } from '../../src/core/playbooks/library.js';

/** A playbook with three sections and six steps; overrides replace top-level fields. */
export function aPlaybook(overrides: Partial<Playbook> = {}): Playbook {
  const step = (title: string, extra: Partial<PlaybookStep> = {}): PlaybookStep => ({ title, ...extra });
  return {
    id: 'test-phish',
    title: 'Test phishing',
    summary: 'A playbook for tests',
    incident_types: ['phishing'],
    sections: [
      { name: 'Identify', phase: 'identify', steps: [step('Get the headers', { owner: 'commander', due: '30m' }), step('Find who else got it', { owner: 'IT' })] },
      {
        name: 'Contain',
        phase: 'contain',
        steps: [
          step('Block the sender', { owner: 'IT', due: '1h' }),
          step('Reset exposed passwords', { owner: 'comms', requires: 'note', prompt: 'Record which accounts were reset' }),
        ],
      },
      { name: 'Learn', phase: 'learn', steps: [step('Hold a review', { requires: 'confirm', prompt: 'Confirm the review is booked' }), step('Tell staff')] },
    ],
    ...overrides,
  };
}

/** A library holding the given playbooks (aPlaybook() by default). */
export function aLibrary(...playbooks: Playbook[]): PlaybookLibrary {
  const list = playbooks.length > 0 ? playbooks : [aPlaybook()];
  return libraryOf(list.map((playbook) => ({ playbook, file: `${playbook.id}.yaml` })));
}
