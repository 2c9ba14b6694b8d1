// Bolt runs every listener's middleware chain for every request, each with its own copy of the request's arguments:
// with 55 listeners, an ordinary message event paid for 55 chains that could only say "not mine", which was most of
// what it cost (issue 17, docs/benchmarks.md). Every Rampart listener is one function for one exact id, so here each
// kind (actions, views, commands, events, shortcuts) gets one Bolt listener that looks the handler up by that id.
// Bolt still decides the kind and acks; the lookup matches exactly what Bolt's string constraints match. Anything
// else (a pattern, constraints, a middleware chain, a second listener for an id) is left to Bolt, unchanged.
import { App, type AllMiddlewareArgs, type AnyMiddlewareArgs } from '@slack/bolt';

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;
type Handler = (args: Args) => unknown;
type Kind = 'action' | 'view' | 'command' | 'event' | 'shortcut';
type Field = Record<string, unknown> | undefined;

/** The id a listener registered with a plain string is matched on, read as Bolt's builtin middleware reads it. */
const ID_OF: Record<Kind, (args: Args) => unknown> = {
  // matchConstraints({ action_id }): block actions only, by the action's id.
  action: (args) => (args.payload as Field)?.action_id,
  // { callback_id, type: 'view_submission' }: the type is checked by the constraint this listener is registered with.
  view: (args) => (args.body as { view?: Field }).view?.callback_id,
  command: (args) => (args as { command?: Field }).command?.command,
  event: (args) => (args as { event?: Field }).event?.type,
  // A view's callback id when the body has a view, else the body's own (matchConstraints' order).
  shortcut: (args) => {
    const body = args.body as { view?: Field; callback_id?: unknown };
    return body.view !== undefined ? body.view?.callback_id : body.callback_id;
  },
};

/** A Bolt App whose listeners for exact ids are dispatched by one listener per kind. */
export class RoutedApp extends App {
  // Not a class field: App's constructor runs before field initialisers, and nothing here may depend on that order.
  private declare routes: Map<Kind, Map<string, Handler>> | undefined;

  override action(id: unknown, ...listeners: unknown[]): void {
    if (!this.route('action', id, listeners)) super.action(id as string, ...(listeners as never[]));
  }

  override view(id: unknown, ...listeners: unknown[]): void {
    if (!this.route('view', id, listeners)) super.view(id as string, ...(listeners as never[]));
  }

  override command(name: unknown, ...listeners: unknown[]): void {
    if (!this.route('command', name, listeners)) super.command(name as string, ...(listeners as never[]));
  }

  override event(type: unknown, ...listeners: unknown[]): void {
    if (!this.route('event', type, listeners)) super.event(type as string, ...(listeners as never[]));
  }

  override shortcut(id: unknown, ...listeners: unknown[]): void {
    if (!this.route('shortcut', id, listeners)) super.shortcut(id as string, ...(listeners as never[]));
  }

  /** Keeps a one-function listener for a string id in its kind's table; false when Bolt should register it itself. */
  private route(kind: Kind, id: unknown, listeners: unknown[]): boolean {
    if (typeof id !== 'string' || listeners.length !== 1 || typeof listeners[0] !== 'function') return false;
    this.routes ??= new Map();
    let handlers = this.routes.get(kind);
    if (!handlers) {
      handlers = new Map();
      this.routes.set(kind, handlers);
      this.installDispatcher(kind, handlers);
    }
    // Bolt runs every listener that matches; a second one for an id keeps its own chain and runs beside the first.
    if (handlers.has(id)) return false;
    handlers.set(id, listeners[0] as Handler);
    return true;
  }

  private installDispatcher(kind: Kind, handlers: Map<string, Handler>): void {
    const idOf = ID_OF[kind];
    const dispatch = async (args: Args) => {
      const id = idOf(args);
      const handler = typeof id === 'string' ? handlers.get(id) : undefined;
      if (handler) await handler(args);
    };
    // Registered with constraints that only check the kind. (An event's pattern puts `context.matches` = [type],
    // which no listener of ours reads.)
    if (kind === 'action') super.action({}, dispatch as never);
    else if (kind === 'view') super.view({ type: 'view_submission' }, dispatch as never);
    else if (kind === 'command') super.command(/(?:)/, dispatch as never);
    else if (kind === 'event') super.event(/(?:)/, dispatch as never);
    else super.shortcut({}, dispatch as never);
  }
}
