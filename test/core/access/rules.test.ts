// Every action against every kind of user, through the real core use cases on a private incident. The table below is
// the specification written out by hand (not read from RULES), so a change to the rules must change it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/context.js';
import type { Refusal } from '../../../src/core/access/rules.js';
import { isAppError } from '../../../src/shared/errors.js';
import { ADMIN, OUTSIDER, RESPONDER, slackUser, testCore } from '../../support/core.js';

const REPORTER = 'U0REPORTR';
const COMMANDER = 'U0COMMAND';
const MEMBER = 'U0MEMBER1';

const USERS = {
  outsider: slackUser(OUTSIDER),
  member: slackUser(MEMBER),
  reporter: slackUser(REPORTER),
  commander: slackUser(COMMANDER),
  responder: slackUser(RESPONDER),
  admin: slackUser(ADMIN),
  cli: { id: 'cli', source: 'cli' } as Actor,
} as const;
type UserKind = keyof typeof USERS;
const ALL = Object.keys(USERS) as UserKind[];
const VIEWERS: UserKind[] = ['member', 'reporter', 'commander', 'responder', 'cli'];

/** Who may, per action (the rules: anyone declares; commander+responders change and close; admins run awareness and decoys; a private incident's details go to its channel's members and responders). */
const EXPECTED: Record<string, UserKind[]> = {
  declare: ALL,
  show: VIEWERS,
  timeline: VIEWERS,
  report: VIEWERS,
  verify: VIEWERS,
  note: VIEWERS,
  correct: VIEWERS,
  review: VIEWERS,
  tasks: VIEWERS,
  step: VIEWERS,
  // The incident's commander runs it without being a responder.
  status: ['commander', 'responder', 'cli'],
  severity: ['commander', 'responder', 'cli'],
  assign: ['commander', 'responder', 'cli'],
  unassign: ['commander', 'responder', 'cli'],
  'start playbook': ['commander', 'responder', 'cli'],
  stats: ['responder', 'cli'],
  close: ['commander', 'responder', 'cli'],
  // Corrections (issue 13): the commander and responders; making an incident public needs a responder.
  'edit title': ['commander', 'responder', 'cli'],
  'make public': ['responder', 'cli'],
  // TLP markings (issue 16): those who run the incident decide how far it may go.
  tlp: ['commander', 'responder', 'cli'],
  'awareness admin': ['admin', 'cli'],
  // Each admin use case checks the rule itself, not only the adapter before it (here the programme's status).
  'awareness status': ['admin', 'cli'],
  'digest preview': ['admin', 'cli'],
  'decoy admin': ['admin', 'cli'],
  // Both rights at once: running the awareness programme and seeing the incident (here the admin is not a viewer).
  lessons: ['cli'],
  'promote lesson': ['cli'],
};

let env: Awaited<ReturnType<typeof testCore>>;
const refusals: Refusal[] = [];
const channels = new Set<string>();
let nextChannel = 1;

beforeAll(async () => {
  env = await testCore({
    reviewRequired: [],
    access: {
      isChannelMember: async (channel, user) => user === MEMBER && channels.has(channel),
      onRefusal: (r) => refusals.push(r),
    },
  });
});
afterAll(() => env.close());

/** The actions that need the incident's playbook run, and those that need a lesson on it. */
const NEEDS_RUN = new Set(['tasks', 'step', 'start playbook']);
const NEEDS_LESSON = new Set(['lessons', 'promote lesson']);

/**
 * A fresh private incident reported by REPORTER, commanded by COMMANDER, with its own channel; a playbook run and a
 * lesson only for the actions that use them (starting a 14-step run for each of 178 attempts was most of this file).
 */
async function privateIncident(action?: string) {
  const op = USERS.cli;
  const { incident } = await env.core.declare(USERS.reporter, { title: 'Mailbox takeover', type: 'account-compromise', severity: 'sev3' });
  await env.core.assignRole(op, incident.ref, 'commander', COMMANDER);
  const channel = `C0ACCESS${nextChannel++}`;
  channels.add(channel);
  await env.core.attachChannel(incident.id, { id: channel, name: `inc-${incident.number}`, private: true });
  const run = action === undefined || NEEDS_RUN.has(action) ? await env.core.playbooks.start(op, incident.ref, 'account-compromise') : undefined;
  if (action === undefined || NEEDS_LESSON.has(action)) await env.core.addLesson(op, incident.ref, 'Alice approved a push prompt she had not started');
  return { ref: incident.ref, runId: run?.run.id ?? -1 };
}

type Attempt = (actor: Actor, i: { ref: string; runId: number }) => Promise<unknown>;

const ATTEMPTS: Record<string, Attempt> = {
  declare: (a) => env.core.declare(a, { title: 'Odd login', type: 'phishing' }),
  show: async (a, i) => {
    // A private incident is shown to others as its reference only: that is the refusal.
    const shown = await env.core.show(a, i.ref);
    if (shown.redacted) throw Object.assign(new Error('redacted'), { redacted: true });
  },
  timeline: (a, i) => env.core.timeline(a, i.ref),
  report: (a, i) => env.core.report(a, i.ref),
  verify: (a, i) => env.core.verify(a, i.ref),
  note: (a, i) => env.core.addNote(a, i.ref, 'saw it too'),
  correct: (a, i) => env.core.addCorrection(a, i.ref, 1, 'the title was wrong'),
  review: (a, i) => env.core.reviews.latest(a, i.ref),
  tasks: (a, i) => env.core.playbooks.tasks(a, i.ref),
  step: (a, i) => env.core.playbooks.changeStep(a, { runId: i.runId, step: 1 }, { kind: 'done', note: 'Reset by the owner', confirmed: true }),
  status: (a, i) => env.core.changeStatus(a, i.ref, 'investigating'),
  severity: (a, i) => env.core.changeSeverity(a, i.ref, 'sev1'),
  assign: (a, i) => env.core.assignRole(a, i.ref, 'scribe', 'U0SCRIBE1'),
  unassign: (a, i) => env.core.unassignRole(a, i.ref, 'commander'),
  'start playbook': (a, i) => env.core.playbooks.start(a, i.ref, 'phishing'),
  stats: (a) => env.core.stats(a, '30d'),
  close: async (a, i) => {
    await env.core.changeStatus(USERS.cli, i.ref, 'resolved');
    await env.core.changeStatus(a, i.ref, 'closed');
  },
  'edit title': (a, i) => env.core.edit(a, i.ref, { field: 'title', to: 'Mailbox takeover of the finance lead' }),
  'make public': async (a, i) => {
    // The test incident's type is security-sensitive (always private): the operator corrects it first.
    await env.core.edit(USERS.cli, i.ref, { field: 'type', to: 'phishing' });
    await env.core.edit(a, i.ref, { field: 'private', to: false }, { confirmed: true });
  },
  tlp: (a, i) => env.core.tlp.set(a, i.ref, 'AMBER+STRICT', 'narrower'),
  'awareness admin': (a) => env.core.awareness.mayManage(a),
  'awareness status': (a) => env.core.awareness.status(a),
  'digest preview': (a) => env.core.digest.preview(a),
  'decoy admin': (a) => env.core.decoys.mayManage(a),
  lessons: (a, i) => env.core.lessons.of(a, i.ref),
  'promote lesson': (a, i) =>
    env.core.lessons.promote(a, i.ref, { title: 'Unexpected prompts', body: 'A prompt you did not start is an attack. Deny it and tell us.', do: 'Deny and report', dont: 'Approve it' }),
};

async function timelineLength(ref: string): Promise<number> {
  return (await env.core.timeline(USERS.cli, ref)).events.length;
}

describe('access rules: each action against each kind of user', () => {
  for (const [action, allowed] of Object.entries(EXPECTED)) {
    for (const kind of ALL) {
      const may = allowed.includes(kind);
      it(`${action} by ${kind}: ${may ? 'allowed' : 'refused'}`, async () => {
        const incident = await privateIncident(action);
        const before = await timelineLength(incident.ref);
        const refusedBefore = refusals.length;
        const outcome = await ATTEMPTS[action]!(USERS[kind], incident).then(
          () => 'allowed',
          (err: unknown) => {
            if (isAppError(err, 'not_authorized') || (err as { redacted?: boolean }).redacted) return 'refused';
            throw err;
          },
        );
        expect(outcome).toBe(may ? 'allowed' : 'refused');
        if (!may) {
          // A refusal changes nothing (close's own set-up moved it to resolved first) and is reported for the log.
          const setUpEvents = action === 'close' || action === 'make public' ? 1 : 0;
          expect(await timelineLength(incident.ref)).toBe(before + setUpEvents);
          expect(refusals.length).toBe(refusedBefore + 1);
          expect(refusals.at(-1)).toMatchObject({ actor: USERS[kind].id });
        }
      });
    }
  }
});

describe('refusal messages', () => {
  it('say who may do it and reveal nothing of a private incident but its reference', async () => {
    const incident = await privateIncident();
    await expect(env.core.timeline(USERS.outsider, incident.ref)).rejects.toThrow(new RegExp(`^${incident.ref} is private\\. Only the people working on it and responders can see it`));
    await expect(env.core.timeline(USERS.outsider, incident.ref)).rejects.not.toThrow(/Mailbox/);
    await expect(env.core.changeSeverity(USERS.member, incident.ref, 'sev1')).rejects.toThrow('Only its commander and responders can change an incident’s severity. Ask your security lead to add you to RESPONDERS.');
    await expect(env.core.decoys.mayManage(USERS.responder)).rejects.toThrow('Only admins can manage decoys. Ask your security lead to add you to ADMINS.');
  });

  it('making an incident public is refused in core until it is confirmed, and writes nothing', async () => {
    const { incident } = await env.core.declare(USERS.reporter, { title: 'Phishing wave', type: 'phishing' });
    const before = await timelineLength(incident.ref);
    await expect(env.core.edit(USERS.responder, incident.ref, { field: 'private', to: false })).rejects.toMatchObject({ code: 'confirmation_required' });
    expect(await timelineLength(incident.ref)).toBe(before);
    expect((await env.core.show(USERS.cli, incident.ref)).incident.private).toBe(true);
  });

  it('a public incident’s details are open to everyone; its changes are still for its commander and responders', async () => {
    const { incident } = await env.core.declare(USERS.reporter, { title: 'Phishing wave', type: 'phishing', private: false });
    await expect(env.core.timeline(USERS.outsider, incident.ref)).resolves.toMatchObject({ incident: { ref: incident.ref } });
    await expect(env.core.changeStatus(USERS.outsider, incident.ref, 'investigating')).rejects.toThrow(/Only its commander and responders/);
  });
});
