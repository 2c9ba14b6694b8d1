// A real SMTP server on 127.0.0.1 (the smtp-server package, from nodemailer's authors) that keeps what it receives,
// parsed with mailparser, and can be told to refuse the next messages for now (4xx) or for good (5xx).
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/** A message as received: the envelope and the parsed message. */
export interface Received {
  from: string;
  to: string[];
  raw: string;
  mail: ParsedMail;
}

/** The running server. */
export interface TestSmtpServer {
  url: string;
  received: Received[];
  /** The next `count` messages get this reply instead of being accepted. */
  refuseNext(count: number, code: 451 | 550, message?: string): void;
  close(): Promise<void>;
}

/** Starts the server on a free port; user and password are accepted but not required. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: Received[] = [];
  let refusals: { left: number; code: number; message: string } = { left: 0, code: 250, message: '' };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals.left > 0) {
          refusals.left -= 1;
          return callback(Object.assign(new Error(refusals.message), { responseCode: refusals.code }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((mail) => {
            const envelope = session.envelope;
            received.push({ from: envelope.mailFrom ? envelope.mailFrom.address : '', to: envelope.rcptTo.map((r) => r.address), raw, mail });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (count, code, message = code >= 500 ? 'No such user here' : 'Try again later') => {
      refusals = { left: count, code, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
