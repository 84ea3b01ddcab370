import type { z } from 'zod';
import { appChannels } from './app';
import { appsyncChannels, appsyncEvents } from './appsync';
import { authChannels } from './auth-channels';
import { cognitoChannels } from './cognito';
import { oauth2Channels } from './oauth2';
import { credentialsChannels, credentialsEvents } from './credentials';
import {
  collectionsChannels,
  collectionsEvents,
  environmentsChannels,
  historyEvents,
  historyChannels,
  importChannels,
  variablesChannels,
  variablesEvents,
} from './collections-channels';
import { requestChannels, requestEvents, sendDraftChannels } from './request';
import { runnerChannels, runnerEvents } from './runner';
import { sessionChannels } from './session';
import { identityChannels, trustChannels } from './trust';
import { websocketChannels, websocketEvents } from './websocket';

/**
 * Every call the renderer can make, declared once: a `domain:action` name, an input schema and
 * an output schema. Each domain declares its own table in its own file; this is their union.
 * Handlers, the preload and the client are typed from it, so a missing handler fails to compile.
 */
export const channels = {
  ...appChannels,
  ...requestChannels,
  ...collectionsChannels,
  ...environmentsChannels,
  ...variablesChannels,
  ...historyChannels,
  ...importChannels,
  ...sendDraftChannels,
  ...credentialsChannels,
  ...sessionChannels,
  ...trustChannels,
  ...identityChannels,
  ...authChannels,
  ...cognitoChannels,
  ...oauth2Channels,
  ...runnerChannels,
  ...appsyncChannels,
  ...websocketChannels,
} as const;

/** Every event main pushes to the renderer, declared the same way. */
export const events = {
  ...requestEvents,
  ...variablesEvents,
  ...runnerEvents,
  ...collectionsEvents,
  ...historyEvents,
  ...credentialsEvents,
  ...appsyncEvents,
  ...websocketEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
/** What a handler may return for channel K: the output before defaults are applied. */
export type ChannelOutputInput<K extends ChannelName> = z.input<Channels[K]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** True when `name` is a declared channel (own property, never a prototype key). */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** True when `name` is a declared event. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
