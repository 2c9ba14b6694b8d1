// What the intake needs of a report mailbox, whatever holds it: the IMAP mailbox of a real deployment, or the
// sandbox's directory. Messages stay in the mailbox until they are moved aside, so one a crash left behind is read
// again on the next run (and core's claim makes the second reading a no-op).
/** One message waiting in the mailbox. */
export interface MailboxMessage {
  /** The mailbox's own key for it (IMAP UIDVALIDITY:UID, a file name). */
  key: string;
  /** Its bytes; only the start of a message over the size limit (it is rejected for its size, not read whole). */
  raw: Uint8Array;
  /** Its whole size in bytes, when the mailbox says it apart from raw (IMAP RFC822.SIZE). */
  size?: number;
}

/** A report mailbox. */
export interface ReportMailbox {
  /** The mailbox's name in the database and the timeline (imap://user@host/INBOX, the sandbox's folder). */
  readonly name: string;
  /** Messages not yet moved aside, oldest first, at most `limit`. */
  waiting(limit: number): Promise<MailboxMessage[]>;
  /** Moves a handled message to Rampart/Processed, or a malformed one to Rampart/Rejected; a message already gone is no error. */
  moveAside(message: MailboxMessage, to: 'processed' | 'rejected'): Promise<void>;
  /** Closes what it holds open (the IMAP connection). */
  close(): Promise<void>;
}

/** The folders Rampart creates in the mailbox, by purpose. */
export const FOLDERS = { processed: ['Rampart', 'Processed'], rejected: ['Rampart', 'Rejected'] } as const;
