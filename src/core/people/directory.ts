// The port through which core learns what people are called. Core never talks to Slack: the Slack adapter implements
// this with users.info (src/slack/people-directory.ts), tests with a fake.

/** What the directory says about a person; names are free text the person chose. */
export interface Profile {
  /** The display name, else the real name (what Slack shows in messages). */
  name: string;
  realName: string;
}

/** Looks people up by their Slack user id. */
export interface PeopleDirectory {
  /** The person's profile, or null when the directory does not know them (a deleted or foreign user). */
  lookup(userId: string): Promise<Profile | null>;
}

/** Cached entries older than this are asked for again when their person is seen. */
export const PROFILE_MAX_AGE_MS = 7 * 24 * 3_600_000;

/** Slack user ids (U…, W… for Enterprise Grid); `cli`, `rampart` and other actors are not people to look up. */
export function isUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(id);
}

/** A person as human formats show them: `Alice Martin (U00000005)`, or the bare id when no name is known. */
export function personLabel(names: ReadonlyMap<string, string> | Readonly<Record<string, string>>, id: string): string {
  const name = names instanceof Map ? names.get(id) : (names as Record<string, string>)[id];
  return name ? `${name} (${id})` : id;
}

/** Every user id in a text replaced by its label (summaries name people by id). */
export function labelIdsIn(text: string, names: ReadonlyMap<string, string> | Readonly<Record<string, string>>): string {
  return text.replace(/\b[UW][A-Z0-9]{8,}\b/g, (id) => personLabel(names, id));
}
