// `rampart webhooks add|list|remove|deliveries`: outgoing webhooks and the delivery log (webhooks and PagerDuty pages)
// from a terminal. The CLI is a trusted operator, so it may always manage them; in Slack only admins may.
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { humanTime, WEBHOOK_EVENTS, type LoggedDelivery, type Webhook } from '../core/index.js';
import { AppError } from '../shared/errors.js';
import { OPERATOR, withCore } from './commands.js';

type Out = (line: string) => void;

/** A hook as one terminal line. */
export function webhookLine(h: Webhook, zone: string): string {
  const state = h.disabledAt ? `removed ${humanTime(h.disabledAt, zone)}` : 'active';
  return `${String(h.id).padEnd(4)} ${h.url}  events: ${h.events.join(',')}${h.trusted ? '  trusted' : ''}  (${state}; added by ${h.createdBy})`;
}

/** A delivery as one terminal line. */
export function deliveryLine(d: LoggedDelivery, zone: string): string {
  const to = d.channel === 'webhook' ? `webhook ${d.target}` : d.channel;
  const last = d.lastAttemptAt ? `, last ${humanTime(d.lastAttemptAt, zone)}${d.lastStatus !== null ? ` HTTP ${d.lastStatus}` : ''}` : '';
  const error = d.state !== 'delivered' && d.lastError ? `: ${d.lastError}` : '';
  return `${String(d.id).padEnd(5)} ${d.state.padEnd(9)} ${to.padEnd(11)} ${d.event.padEnd(25)} ${(d.ref ?? '-').padEnd(7)} ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${last}${error}`;
}

/** Registers `rampart webhooks`. */
export function registerWebhooks(program: Command, config: () => Config, out: Out): void {
  const webhooks = program.command('webhooks').description('outgoing webhooks (signed incident events) and the delivery log');
  webhooks
    .command('add')
    .description('send incident events to a URL, signed (docs/webhooks.md); prints the secret once')
    .argument('<url>', 'https:// address of the receiver (http:// only for localhost and 127.0.0.1)')
    .requiredOption('--events <list>', `comma-separated: ${WEBHOOK_EVENTS.join(', ')}; or * for all`)
    .option('--trusted', 'send private incidents in full (otherwise only their reference, severity and status)')
    .option('--secret <secret>', 'the signing secret (16 to 256 characters); made for you when left out')
    .action((url: string, opts: { events: string; trusted?: boolean; secret?: string }) =>
      withCore(config(), async (core) => {
        const { webhook, secret } = await core.webhooks.add(OPERATOR, { url, events: opts.events, trusted: !!opts.trusted, ...(opts.secret !== undefined ? { secret: opts.secret } : {}) });
        out(`Webhook ${webhook.id} added: ${webhook.url} receives ${webhook.events.join(', ')}${webhook.trusted ? ' (trusted: private incidents in full)' : ''}.`);
        out(`Signing secret (shown once; give it to the receiver): ${secret}`);
      }),
    );
  webhooks
    .command('list')
    .description('every webhook, removed ones included (never their secrets)')
    .action(() =>
      withCore(config(), async (core) => {
        const hooks = await core.webhooks.list(OPERATOR);
        if (hooks.length === 0) return out('No webhooks. `rampart webhooks add URL --events *` adds one.');
        for (const h of hooks) out(webhookLine(h, core.timezone));
      }),
    );
  webhooks
    .command('remove')
    .description('stop sending to a webhook; what was waiting for it is given up')
    .argument('<id>', 'the webhook id (`rampart webhooks list`)')
    .action((id: string) =>
      withCore(config(), async (core) => {
        if (!/^\d{1,9}$/.test(id.trim())) throw new AppError('invalid_input', `"${id}" is not a webhook id: \`rampart webhooks list\` shows them.`);
        const hook = await core.webhooks.remove(OPERATOR, Number(id));
        out(`Webhook ${hook.id} removed: ${hook.url} receives nothing more.`);
      }),
    );
  webhooks
    .command('deliveries')
    .description('the delivery log, newest first: webhooks and PagerDuty pages, with their attempts')
    .option('--failed', 'only deliveries given up')
    .option('--limit <n>', 'how many (default 50)', '50')
    .action((opts: { failed?: boolean; limit: string }) =>
      withCore(config(), async (core) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppError('invalid_input', `--limit takes a number from 1 to 1000, not "${opts.limit}".`);
        const log = await core.deliveries.log(OPERATOR, { failed: !!opts.failed, limit });
        if (log.length === 0) return out(opts.failed ? 'No failed deliveries.' : 'No deliveries yet.');
        for (const d of log) out(deliveryLine(d, core.timezone));
      }),
    );
}
