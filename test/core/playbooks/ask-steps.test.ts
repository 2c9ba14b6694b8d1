// The account-compromise and decoy playbooks each have an Identify step that tells the responder to ask the person
// concerned with `/incident ask`, in a form the command parser accepts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_TYPES } from '../../../src/core/incidents/incident-types.js';
import { loadLibrary } from '../../../src/core/playbooks/library.js';
import { numberedSteps } from '../../../src/core/playbooks/playbook.js';
import { parseIncidentCommand } from '../../../src/slack/parse/command.js';

describe('"was this you?" steps in the built-in playbooks', () => {
  it.each([
    ['account-compromise', 'ask-owner'],
    ['decoy-tripped', 'ask-account-holder'],
  ])('%s has %s in Identify, with an example that parses once the person is mentioned', async (playbookId, stepId) => {
    const library = await loadLibrary({ incidentTypes: DEFAULT_INCIDENT_TYPES });
    const found = numberedSteps(library.get(playbookId)!).find((s) => s.step.id === stepId);
    expect(found?.section).toBe('Identify');
    const example = /`\/incident (ask @\w+ [^`]+)`/.exec(found!.step.details ?? '');
    expect(example).not.toBeNull();
    // Slack turns the typed @name into a mention; the rest is the question, as the step words it.
    const typed = example![1]!.replace(/@\w+/, '<@U0PERSON>');
    expect(parseIncidentCommand(typed)).toMatchObject({ sub: 'ask', userId: 'U0PERSON', question: expect.stringMatching(/^Did you .+\?$/) as string });
  });
});
