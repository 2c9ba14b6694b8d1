#!/usr/bin/env node
// The `rampart` command. Rampart ships as TypeScript and runs through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
