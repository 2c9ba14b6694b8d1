// The report mailbox over IMAP (imapflow): log in with a password or an OAuth2 access token (XOAUTH2, for Google
// Workspace and Microsoft 365), read what waits in the mailbox, and move each message aside once handled. Folder
// paths are given as parts, so imapflow joins them with the server's own separator (`/` or `.`).
import { ImapFlow } from 'imapflow';
import { FOLDERS, type MailboxMessage, type ReportMailbox } from './mailbox.js';
import { MAX_MESSAGE_BYTES } from './parse.js';

/** How to reach the mailbox (MAIL_IMAP_*). Exactly one of password and accessToken. */
export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 993); false: plain IMAP, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password?: string;
  accessToken?: string;
  mailbox: string;
}

/** How many bytes of messages one pass holds at most (one larger message is still read alone, up to MAX_MESSAGE_BYTES). */
const PASS_BYTES = 64 * 1024 * 1024;

/** Connects, logs in, opens the mailbox and makes sure Rampart's folders exist. */
export async function openImapMailbox(settings: ImapSettings): Promise<ReportMailbox> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, ...(settings.accessToken ? { accessToken: settings.accessToken } : { pass: settings.password ?? '' }) },
    // Logged by the poller, once per problem, without the protocol's chatter (which would hold the messages).
    logger: false,
    // One short session per poll: no IDLE between commands.
    disableAutoIdle: true,
  });
  // Without a listener, a dropped connection's 'error' event would end the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const existing = new Set((await client.list()).map((m) => m.path));
    const delimiter = client.namespace?.delimiter ?? '/';
    for (const parts of [FOLDERS.processed, FOLDERS.rejected]) {
      if (!existing.has(parts.join(delimiter))) await client.mailboxCreate([...parts]);
    }
    await client.mailboxOpen(settings.mailbox);
  } catch (err) {
    await client.logout().catch(() => client.close());
    throw err;
  }
  const uidValidity = () => String(client.mailbox ? client.mailbox.uidValidity : 0);
  return {
    name: `imap://${settings.user}@${settings.host}/${settings.mailbox}`,
    waiting: async (limit) => {
      const exists = client.mailbox ? client.mailbox.exists : 0;
      if (exists === 0) return [];
      // Sizes first, then the messages one at a time, up to a byte budget per pass (the rest waits for the next): a
      // mailbox of large mails must not fill this process's memory, which also answers Slack. A message over the limit
      // is read only as far as its rejection needs.
      const sizes: { uid: number; size: number }[] = [];
      for await (const m of client.fetch(`1:${Math.min(exists, limit)}`, { uid: true, size: true })) sizes.push({ uid: m.uid, size: m.size ?? 0 });
      const messages: MailboxMessage[] = [];
      let bytes = 0;
      for (const { uid, size } of sizes) {
        const tooLarge = size > MAX_MESSAGE_BYTES;
        if (!tooLarge && messages.length > 0 && bytes + size > PASS_BYTES) break;
        const m = await client.fetchOne(String(uid), { source: tooLarge ? { start: 0, maxLength: 64 * 1024 } : true }, { uid: true });
        if (!m || !m.source) continue;
        bytes += m.source.byteLength;
        messages.push({ key: `${uidValidity()}:${uid}`, raw: new Uint8Array(m.source), size });
      }
      return messages;
    },
    moveAside: async (message, to) => {
      const uid = message.key.split(':')[1]!;
      // Another replica may have moved it since it was fetched. A session still sees a message another one expunged
      // until it syncs, and Dovecot would copy it again: NOOP takes in the expunges, then only a message still here moves.
      await client.noop();
      const still = await client.search({ uid }, { uid: true });
      if (still && still.length > 0) await client.messageMove(uid, [...FOLDERS[to]], { uid: true });
    },
    close: async () => {
      await client.logout().catch(() => client.close());
    },
  };
}
