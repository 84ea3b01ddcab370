import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type EventName,
  type EventPayload,
} from '../../shared/contract/channels';
import { ShomeiError, type AppError } from '../../shared/errors';
import type { Result } from '../../shared/result';

/** What a handler may use besides its input: a way to push events to the caller's window. */
export interface CallContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** The handler of one channel: gets parsed input, returns the declared output. */
export type Handler<K extends ChannelName> = (
  input: ChannelParsedInput<K>,
  context: CallContext,
) => Promise<ChannelOutput<K>> | ChannelOutput<K>;

/** One handler for every declared channel; leaving one out is a compile error. */
export type Handlers = { [K in ChannelName]: Handler<K> };

/** A subset of handlers, as each domain module provides them. */
export type HandlersFor<K extends ChannelName> = { [P in K]: Handler<P> };

/** The pure core of both doors (Electron IPC and browser mode). */
export interface Dispatcher {
  dispatch(channel: unknown, input: unknown, context: CallContext): Promise<Result<unknown>>;
}

/** Called with unexpected (non-ShomeiError) throws, for the host's own log. Never given the input. */
export type InternalErrorSink = (channel: string, error: unknown) => void;

/**
 * Builds the dispatcher: parse input → call handler → parse output → `{ok, value}`. Invalid input
 * never reaches a handler; output fields the contract does not declare are stripped, so a secret
 * a handler carelessly returned cannot cross. Any throw becomes `{ok: false, error}`.
 */
export function createDispatcher(handlers: Handlers, onInternalError: InternalErrorSink = () => {}): Dispatcher {
  return {
    async dispatch(channel, input, context) {
      if (!isChannelName(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `There is no call named ${JSON.stringify(String(channel).slice(0, 64))}` });
      }
      const contract = channels[channel];
      const parsed = contract.input.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
        const first = issues[0];
        return fail({
          code: 'INVALID_INPUT',
          message: first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'The input is not valid',
          details: { issues },
        });
      }
      try {
        const handler = handlers[channel] as Handler<typeof channel>;
        const value: unknown = await handler(parsed.data as never, context);
        const output = contract.output.safeParse(value);
        if (!output.success) {
          onInternalError(channel, new Error(`output of ${channel} does not match its schema`));
          return fail({ code: 'INTERNAL', message: 'Shomei produced an answer it could not check; nothing was shown.' });
        }
        return { ok: true, value: output.data };
      } catch (error) {
        if (error instanceof ShomeiError) return fail(error.toJSON());
        onInternalError(channel, error);
        return fail({ code: 'INTERNAL', message: 'Something went wrong inside Shomei. The details are in the log.' });
      }
    },
  };
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}
