// `node --import ./test/support/module-trace.mjs …`: records the URL of every module the process loads, one a line, in
// the file named by RAMPART_MODULE_TRACE. Loader hooks see what a process really loads, static and dynamic imports alike.
import { register } from 'node:module';

register('./module-trace-hooks.mjs', import.meta.url, { data: { file: process.env.RAMPART_MODULE_TRACE } });
