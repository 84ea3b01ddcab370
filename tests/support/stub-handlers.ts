import { channels, type ChannelName } from '../../shared/contract/channels';
import type { Handlers } from '../../electron/ipc/dispatcher';

/** A handler for every channel that fails if called, so tests only write the handlers they use. */
export function stubHandlers(): Handlers {
  const out: Partial<Record<ChannelName, () => never>> = {};
  for (const name of Object.keys(channels) as ChannelName[]) {
    out[name] = () => {
      throw new Error(`unexpected call to ${name}`);
    };
  }
  return out as unknown as Handlers;
}
