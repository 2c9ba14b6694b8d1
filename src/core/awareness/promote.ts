// Lessons learnt become reminders: an incident's lessons (notes marked as lessons, and the lessons of its latest
// post-incident review) are edited by an admin into a
// tip (so no sensitive detail leaks), which is stored, queued to go out next, and noted on the incident's timeline,
// all in one transaction. Reading the lessons and promoting them both need two rights: running the awareness
// programme (awareness.manage) and seeing the incident (incident.lessons, the viewer rule), so an admin who is not
// among a private incident's people sees its lessons no more than its timeline.
import { asc, eq, like } from 'drizzle-orm';
import { awarenessTips } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { inTransaction } from '../context.js';
import { redactFields } from '../redaction/apply.js';
import { incidentByRef } from '../incidents/lookup.js';
import type { Incident } from '../incidents/incident.js';
import { latestReview } from '../reviews/queries.js';
import { lessonLines } from '../reviews/review.js';
import { appendEvent, listEvents } from '../timeline/queries.js';
import { authorize, type AccessDeps } from '../access/authorize.js';
import type { Actor, CoreDeps } from '../context.js';
import type { AwarenessDeps } from './deps.js';
import { enqueue } from './queries.js';
import { tipSchema, type Tip } from './tip.js';

/** What reading and promoting lessons needs: the database, the clock and the access rules' dependencies. */
export type LessonDeps = AccessDeps & Pick<CoreDeps, 'db' | 'clock'>;

/** The incident, once the actor may both run the awareness programme and see it; throws not_authorized otherwise. */
async function incidentForLessons(deps: LessonDeps, actor: Actor, ref: string): Promise<Incident> {
  await authorize(deps, actor, 'awareness.manage');
  const incident = await incidentByRef(deps.db, ref);
  await authorize(deps, actor, 'incident.lessons', incident);
  return incident;
}

/** The lessons of an incident: lesson notes oldest first, then the lines of its latest review's lessons. */
export async function lessonsOf(deps: LessonDeps, actor: Actor, ref: string): Promise<{ incident: Incident; lessons: string[] }> {
  const incident = await incidentForLessons(deps, actor, ref);
  const [events, { review }] = await Promise.all([listEvents(deps.db, incident.id), latestReview(deps.db, incident.id)]);
  // A marked lesson says so: the admin turns lessons into a tip for all staff, and must leave out what the marking keeps.
  const notes = events
    .filter((e) => e.kind === 'note_added' && e.payload.lesson === true)
    .map((e) => `${typeof e.payload.tlp === 'string' ? `[TLP:${e.payload.tlp}] ` : ''}${String(e.payload.text)}`);
  const lessons = [...notes, ...lessonLines(review?.lessons ?? '')];
  if (lessons.length === 0) {
    throw new AppError(
      'invalid_input',
      `${incident.ref} has no lessons yet. Add one with \`/incident lesson ${incident.ref} what we learnt\`, or write them in its post-incident review (\`/incident review ${incident.ref}\`).`,
    );
  }
  return { incident, lessons };
}

/** The fields an admin edits. */
export interface TipDraft {
  title: string;
  body: string;
  do: string;
  dont: string;
}

/** A promoted tip and the kinds of secret redacted from what the admin wrote. */
export interface Promoted {
  tip: Tip;
  redacted?: string[];
}

/**
 * Stores the edited tip, queues it and records lesson_promoted on the incident. Field problems name the field. The
 * tip goes to all staff, so its texts pass the redaction step like anything else a person writes.
 */
export async function promoteLesson(deps: LessonDeps & Pick<CoreDeps, 'redactPatterns'>, actor: Actor, ref: string, draft: TipDraft): Promise<Promoted> {
  // Checked before the transaction: the membership look-up may ask Slack, which must not hold the incident's lock.
  await incidentForLessons(deps, actor, ref);
  const by = actor.id;
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRef(tx, ref, { forUpdate: true });
    const taken = await tx.select({ id: awarenessTips.id }).from(awarenessTips).where(like(awarenessTips.id, `lesson-inc-${incident.number}%`));
    const id = `lesson-inc-${incident.number}${taken.length > 0 ? `-${taken.length + 1}` : ''}`;
    const parsed = tipSchema.safeParse({ id, ...draft, topics: [incident.type] });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('invalid_input', `${String(issue.path[0] ?? 'tip')}: ${issue.message}`, { field: String(issue.path[0] ?? 'body') });
    }
    const { fields, found } = redactFields(deps, { title: parsed.data.title, body: parsed.data.body, do: parsed.data.do, dont: parsed.data.dont });
    const tip = { ...parsed.data, ...fields };
    await tx.insert(awarenessTips).values({ ...tip, incidentId: incident.id, createdBy: by, createdAt: now });
    await enqueue(tx, tip.id, by, now);
    await appendEvent(tx, incident.id, { kind: 'lesson_promoted', actor: by, source: actor.source, payload: { tipId: tip.id, title: tip.title } }, now);
    return { tip, ...(found.length > 0 ? { redacted: found } : {}) };
  });
}

/** Tips made from lessons, by id. */
export async function promotedTips(db: DbOrTx): Promise<Tip[]> {
  const rows = await db.select().from(awarenessTips).orderBy(asc(awarenessTips.id));
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, do: r.do, dont: r.dont, topics: r.topics }));
}

/** Every tip on offer: the files' and the promoted ones. */
export async function allTips(deps: Pick<AwarenessDeps, 'db' | 'tips'>): Promise<Tip[]> {
  return [...deps.tips.all(), ...(await promotedTips(deps.db))];
}

/** One tip by id, from the files or the promoted ones. */
export async function tipById(deps: Pick<AwarenessDeps, 'db' | 'tips'>, id: string): Promise<Tip | undefined> {
  const fromFiles = deps.tips.get(id);
  if (fromFiles) return fromFiles;
  const [row] = await deps.db.select().from(awarenessTips).where(eq(awarenessTips.id, id));
  return row && { id: row.id, title: row.title, body: row.body, do: row.do, dont: row.dont, topics: row.topics };
}
