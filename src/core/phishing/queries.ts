// Reported-mail reads and writes, shaped (db, params): no rules, no redaction (callers pass SafeText).
import { and, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { incidents, reportedMailKeys, reportedMails } from '../../db/schema.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { SafeText } from '../../shared/safe-text.js';
import { OPEN_STATUSES } from '../incidents/incident.js';

/** A claimed row's id. */
export type ClaimedMail = { id: number };

/** The row a claim inserts. */
export interface MailClaim {
  mailbox: string;
  messageKey: string;
  uidKey: string | null;
  state: 'handled' | 'rejected';
  reason?: SafeText;
  reporter?: SafeText;
  reporterSlackId?: string;
  reportMessageId?: SafeText;
  originalMessageId?: SafeText;
  evidenceSha256?: string;
  evidence?: Uint8Array;
  receivedAt: Date;
}

/**
 * Inserts the mail's row; undefined when either unique key is taken (handled before, here or on another replica). A
 * second claim of one key waits on the first's transaction, so it sees the committed row and claims nothing.
 */
export async function claimMail(tx: Tx, row: MailClaim): Promise<ClaimedMail | undefined> {
  const [inserted] = await tx.insert(reportedMails).values(row).onConflictDoNothing().returning({ id: reportedMails.id });
  return inserted;
}

/** When the message was first claimed (by its key, or by its mailbox UID). */
export async function claimedAt(tx: Tx, p: { messageKey: string; mailbox: string; uidKey: string | null }): Promise<Date> {
  const byUid = p.uidKey === null ? undefined : and(eq(reportedMails.mailbox, p.mailbox), eq(reportedMails.uidKey, p.uidKey));
  const [row] = await tx
    .select({ at: reportedMails.receivedAt })
    .from(reportedMails)
    .where(byUid ? or(eq(reportedMails.messageKey, p.messageKey), byUid) : eq(reportedMails.messageKey, p.messageKey))
    .orderBy(reportedMails.id)
    .limit(1);
  if (!row) throw new Error('a reported mail claim conflicted with no row');
  return row.at;
}

/** Links a handled mail to its incident. */
export async function setIncident(tx: Tx, mailId: number, incidentId: number): Promise<void> {
  await tx.update(reportedMails).set({ incidentId }).where(eq(reportedMails.id, mailId));
}

/** Stores the keys the mail is matched on. */
export async function insertKeys(tx: Tx, mailId: number, keys: readonly { kind: 'sender' | 'url' | 'subject'; value: SafeText }[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.insert(reportedMailKeys).values(keys.map((k) => ({ mailId, ...k }))).onConflictDoNothing();
}

/** The open incident the latest mail sharing one of these keys went to, reported since `since`. */
export async function campaignIncidentId(db: DbOrTx, keys: readonly { kind: 'sender' | 'url' | 'subject'; value: SafeText }[], since: Date): Promise<number | undefined> {
  if (keys.length === 0) return undefined;
  const [row] = await db
    .select({ incidentId: reportedMails.incidentId })
    .from(reportedMailKeys)
    .innerJoin(reportedMails, eq(reportedMails.id, reportedMailKeys.mailId))
    .innerJoin(incidents, eq(incidents.id, reportedMails.incidentId))
    .where(
      and(
        gte(reportedMails.receivedAt, since),
        inArray(incidents.status, [...OPEN_STATUSES]),
        or(...keys.map((k) => and(eq(reportedMailKeys.kind, k.kind), eq(reportedMailKeys.value, k.value)))),
      ),
    )
    .orderBy(desc(reportedMails.receivedAt), desc(reportedMails.id))
    .limit(1);
  return row?.incidentId ?? undefined;
}

/**
 * Serialises phishing intake for the rest of the transaction (a transaction-scoped advisory lock): two replicas
 * handling two reports of one campaign at once then agree on one incident instead of opening two. Reports arrive
 * a few a minute at most, so one lock for all of them costs nothing worth a finer one.
 */
export async function lockIntake(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PHISHING_LOCK_KEY})`);
}

// An arbitrary constant of ours (the migrations' lock uses another).
const PHISHING_LOCK_KEY = 7_236_518_401;

/** The mails reported into an incident, oldest first (reporters, Message-IDs, the evidence hash). */
export async function mailsOf(db: DbOrTx, incidentId: number) {
  return db
    .select({
      id: reportedMails.id,
      mailbox: reportedMails.mailbox,
      reporter: reportedMails.reporter,
      reportMessageId: reportedMails.reportMessageId,
      originalMessageId: reportedMails.originalMessageId,
      evidenceSha256: reportedMails.evidenceSha256,
      receivedAt: reportedMails.receivedAt,
    })
    .from(reportedMails)
    .where(eq(reportedMails.incidentId, incidentId))
    .orderBy(reportedMails.id);
}

/** Who reported mails into an incident (handled ones), oldest first: their address, Slack user and report's Message-ID. */
export async function reportersOf(db: DbOrTx, incidentId: number) {
  return db
    .select({ id: reportedMails.id, reporter: reportedMails.reporter, reporterSlackId: reportedMails.reporterSlackId, reportMessageId: reportedMails.reportMessageId })
    .from(reportedMails)
    .where(and(eq(reportedMails.incidentId, incidentId), eq(reportedMails.state, 'handled')))
    .orderBy(reportedMails.id);
}
