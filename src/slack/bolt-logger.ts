// Bolt and the Web API client log through this adapter, so all output is one pino stream.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../log.js';

/** Wraps pino in Slack's Logger interface. */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    // Bolt logs each ack at debug: the text is only built when debug is on (issue 17: per-event cost).
    debug: (...msg) => void (child.isLevelEnabled('debug') && child.debug(text(msg))),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : child.isLevelEnabled('info') ? LogLevel.INFO : LogLevel.WARN),
    setName: () => {},
  };
}
