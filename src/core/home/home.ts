// What a person's App Home holds, as data: their incidents and roles, their open playbook steps, the open incidents
// they may see, and (for admins) how the awareness programme stands. Pure types and rules; Slack lays it out.
import { ROLES, type Incident, type Role, type Severity, type Status } from '../incidents/incident.js';

/** An open incident as the Home tab lists it (only incidents the person may see are ever listed). */
export interface HomeIncident {
  ref: string;
  title: string;
  severity: Severity;
  status: Status;
  private: boolean;
  drill: boolean;
  channelId: string | null;
  /** The roles the person holds on it, in ROLES order. */
  roles: Role[];
  /** Whether the person reported it. */
  reporter: boolean;
}

/** One open playbook step that is the person's (assigned to them, or theirs through the role it names). */
export interface HomeStep {
  ref: string;
  channelId: string | null;
  playbook: string;
  number: number;
  title: string;
  dueAt: Date | null;
}

/** For admins: the awareness programme's next post and the share of last week's audience that pressed Got it. */
export type HomeAwareness =
  | { setUp: false }
  | { setUp: true; paused: boolean; nextPost: Date; lastWeek: { acks: number; audience: number; rate: number | null } };

/** A follow-up shown in the Home tab (filled by the follow-ups part of issue 15 once connected; see read.ts). */
export interface HomeFollowUp {
  ref: string;
  text: string;
  dueAt: Date | null;
}

/** A deadline shown in the Home tab (filled by the reminders part of issue 15 once connected; see read.ts). */
export interface HomeDeadline {
  ref: string;
  what: string;
  at: Date;
}

/**
 * Sections other parts of the product add to the Home tab. Each is left out until something fills it, so the Home tab
 * shows no empty heading for a feature that is not there.
 */
export interface HomeSections {
  followUps?: HomeFollowUp[];
  deadlines?: HomeDeadline[];
}

/** Everything a person's Home tab shows, already filtered by what they may see. */
export interface Home {
  userId: string;
  /** The page they asked for or were last on (1-based; the layout clamps it to the pages there are). */
  page: number;
  /** Open incidents they reported or hold a role in, newest first. */
  mine: HomeIncident[];
  /** Their open playbook steps across open incidents: soonest due first. */
  steps: HomeStep[];
  /** Every open incident they may see, newest first. */
  open: HomeIncident[];
  /** Whether some private incidents were left out because Slack could not say whether they are in its channel. */
  incomplete: boolean;
  /** Only for admins. */
  awareness?: HomeAwareness;
  extra: HomeSections;
}

/** The incident as a Home tab line for this person. */
export function homeIncident(incident: Incident, userId: string): HomeIncident {
  const holders: Record<Role, string | null> = { commander: incident.commanderId, comms: incident.commsId, scribe: incident.scribeId };
  return {
    ref: incident.ref,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    private: incident.private,
    drill: incident.drill,
    channelId: incident.channelId,
    roles: ROLES.filter((r) => holders[r] === userId),
    reporter: incident.reporterId === userId,
  };
}

/** Whether the person takes part in the incident by role or as its reporter (what "my incidents" lists). */
export function isMineToRun(i: HomeIncident): boolean {
  return i.reporter || i.roles.length > 0;
}
