// Structured logs (pino). Tokens and secrets are redacted wherever they appear in logged objects.
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger at a level; logs go to stderr so CLI output on stdout stays clean for scripts. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['*.token', '*.botToken', '*.signingSecret', '*.appToken', '*.routingKey', '*.routing_key', '*.secret', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream,
  );
}
