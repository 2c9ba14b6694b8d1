// docs/webhooks.md shows receivers the verification code that the webhook tests run against real deliveries
// (test/outgoing/webhooks.test.ts): the page's code block must be that file, word for word, and name every event type.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../src/core/webhooks/webhook.js';

const root = join(import.meta.dirname, '..', '..');
const page = readFileSync(join(root, 'docs', 'webhooks.md'), 'utf8');

describe('docs/webhooks.md', () => {
  it('shows docs/examples/verify-webhook.mjs as it is', () => {
    const block = /```js\n([\s\S]*?)```/.exec(page)?.[1];
    expect(block).toBe(readFileSync(join(root, 'docs', 'examples', 'verify-webhook.mjs'), 'utf8'));
  });

  it('documents every event type', () => {
    for (const type of WEBHOOK_EVENTS) expect(page).toContain(`| \`${type}\` |`);
  });
});
