// Full-text search over stored (so redacted) text, shaped (db, params): no access checks. The expressions match the
// GIN indexes in src/db/schema.ts exactly, so Postgres uses them. websearch_to_tsquery reads any text without error
// (quotes, or, a leading minus; everything else is words), so no input can make the query fail.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { incidents, timelineEvents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';

const CONFIG = sql`'english'::regconfig`;
const query = (text: string) => sql`websearch_to_tsquery(${CONFIG}, ${text})`;

/** A candidate hit before access checks. */
export interface Candidate {
  incidentId: number;
  number: number;
  private: boolean;
  title: string;
  at: Date;
  /** The whole matched text, as stored; the excerpt is cut from it in search.ts (ts_headline would drop `<…>` as markup). */
  excerpt: string;
  seq?: number;
  lesson?: boolean;
  /** A note's own TLP marking, as stored in its payload (absent: the incident's marking applies). */
  noteTlp?: string | null;
}

/** Whether the text holds any word to search for (a text of stop words or punctuation holds none). */
export async function hasSearchWords(db: DbOrTx, text: string): Promise<boolean> {
  const result = (await db.execute(sql`select numnode(${query(text)}) as nodes`)) as unknown as { rows: { nodes: number | string }[] };
  return Number(result.rows[0]?.nodes ?? 0) > 0;
}

/** Incidents whose title or description match, newest first (a query builder: awaited for rows, or explained in tests). */
export function matchingIncidents(db: DbOrTx, text: string, limit: number) {
  const document = sql`to_tsvector(${CONFIG}, ${incidents.title} || ' ' || ${incidents.description})`;
  return db
    .select({
      incidentId: incidents.id,
      number: incidents.number,
      private: incidents.private,
      title: incidents.title,
      at: incidents.declaredAt,
      excerpt: sql<string>`case when ${incidents.description} = '' then ${incidents.title} else ${incidents.title} || ' · ' || ${incidents.description} end`,
    })
    .from(incidents)
    .where(sql`${document} @@ ${query(text)}`)
    .orderBy(desc(incidents.declaredAt), desc(incidents.id))
    .limit(limit);
}

/** Notes and lessons (note_added events) whose text matches, newest first; corrections are left out, as they are no notes. */
export function matchingNotes(db: DbOrTx, text: string, limit: number) {
  const noteText = sql`${timelineEvents.payload} ->> 'text'`;
  return db
    .select({
      incidentId: incidents.id,
      number: incidents.number,
      private: incidents.private,
      title: incidents.title,
      at: timelineEvents.occurredAt,
      seq: timelineEvents.seq,
      lesson: sql<boolean>`coalesce((${timelineEvents.payload} ->> 'lesson')::boolean, false)`,
      excerpt: sql<string>`${noteText}`,
      noteTlp: sql<string | null>`${timelineEvents.payload} ->> 'tlp'`,
    })
    .from(timelineEvents)
    .innerJoin(incidents, eq(incidents.id, timelineEvents.incidentId))
    .where(and(eq(timelineEvents.kind, 'note_added'), isNull(timelineEvents.correctsSeq), sql`to_tsvector(${CONFIG}, ${noteText}) @@ ${query(text)}`))
    .orderBy(desc(timelineEvents.occurredAt), desc(timelineEvents.id))
    .limit(limit);
}

/** Incidents by id, for exact matches (their reference, visibility and title). */
export async function incidentsByIds(db: DbOrTx, ids: readonly number[]): Promise<Map<number, { number: number; private: boolean; title: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: incidents.id, number: incidents.number, private: incidents.private, title: incidents.title })
    .from(incidents)
    .where(sql`${incidents.id} in ${[...ids]}`);
  return new Map(rows.map((r) => [r.id, r]));
}
