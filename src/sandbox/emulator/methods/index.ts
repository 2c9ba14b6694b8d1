// Every Web API method the emulator serves, by name. Anything else answers unknown_method.
import type { MethodTable } from './common.js';
import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { historyMethods } from './history.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';
import { pinReactionMethods } from './pins-reactions.js';
import { fileMethods } from './files.js';

/** The method table. */
export const METHODS: MethodTable = {
  ...userMethods,
  ...chatMethods,
  ...conversationMethods,
  ...historyMethods,
  ...viewMethods,
  ...pinReactionMethods,
  ...fileMethods,
};
