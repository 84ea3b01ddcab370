import { describe, expect, it } from 'vitest';
import {
  AppSyncServerMessageSchema,
  describeAppSyncErrors,
  isAppSyncApiHost,
  operationKindOf,
  realtimeUrlOf,
} from '../../../shared/appsync/appsync-realtime';

describe('AppSync real-time URL', () => {
  it('an appsync-api host becomes its appsync-realtime-api twin, wss, same path', () => {
    expect(realtimeUrlOf('https://abcdefghij1234567890.appsync-api.eu-west-1.amazonaws.com/graphql')).toBe(
      'wss://abcdefghij1234567890.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
    );
    expect(realtimeUrlOf('https://abc.appsync-api.cn-north-1.amazonaws.com.cn/graphql?x=1#f')).toBe(
      'wss://abc.appsync-realtime-api.cn-north-1.amazonaws.com.cn/graphql',
    );
  });

  it('a custom domain (or a local stand-in) gets /realtime after its path, http becoming ws', () => {
    expect(realtimeUrlOf('https://api.example.com/graphql')).toBe('wss://api.example.com/graphql/realtime');
    expect(realtimeUrlOf('http://127.0.0.1:4000/graphql/')).toBe('ws://127.0.0.1:4000/graphql/realtime');
  });

  it('refuses what is not http(s)', () => {
    expect(realtimeUrlOf('ftp://example.com/graphql')).toBeUndefined();
    expect(realtimeUrlOf('not a url')).toBeUndefined();
  });

  it('knows AppSync API hosts, with or without a port, and nothing that only looks like one', () => {
    expect(isAppSyncApiHost('abc.appsync-api.us-east-1.amazonaws.com')).toBe(true);
    expect(isAppSyncApiHost('abc.appsync-api.us-east-1.amazonaws.com:443')).toBe(true);
    expect(isAppSyncApiHost('abc.appsync-api.us-east-1.amazonaws.com.evil.example')).toBe(false);
    expect(isAppSyncApiHost('abc.execute-api.us-east-1.amazonaws.com')).toBe(false);
  });
});

describe('the operation a GraphQL document runs', () => {
  it('is its only operation, or the one named', () => {
    expect(operationKindOf('subscription S { onX { id } }')).toBe('subscription');
    expect(operationKindOf('{ items { id } }')).toBe('query');
    const two = 'query Q { items { id } } subscription S { onX { id } }';
    expect(operationKindOf(two, 'S')).toBe('subscription');
    expect(operationKindOf(two, 'Q')).toBe('query');
  });

  it('is unknown when ambiguous, unnamed in the document, or not GraphQL', () => {
    expect(operationKindOf('query Q { a } subscription S { b }')).toBeUndefined();
    expect(operationKindOf('subscription S { b }', 'T')).toBeUndefined();
    expect(operationKindOf('subscription {')).toBeUndefined();
  });
});

describe('AppSync messages', () => {
  it('reads the documented shapes and refuses others', () => {
    expect(AppSyncServerMessageSchema.safeParse({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } }).success).toBe(true);
    expect(AppSyncServerMessageSchema.safeParse({ type: 'ka' }).success).toBe(true);
    expect(AppSyncServerMessageSchema.safeParse({ type: 'data', id: '1', payload: { data: {} } }).success).toBe(true);
    expect(AppSyncServerMessageSchema.safeParse({ type: 'connection_ack', payload: { connectionTimeoutMs: -1 } }).success).toBe(false);
    expect(AppSyncServerMessageSchema.safeParse({ type: 'start_ack' }).success).toBe(false);
    expect(AppSyncServerMessageSchema.safeParse({ type: 'next', id: '1' }).success).toBe(false);
  });

  it('puts AppSync’s errors in one line', () => {
    expect(describeAppSyncErrors([{ errorType: 'UnauthorizedException', message: 'Permission denied' }, { errorCode: 400, message: 'Bad' }])).toBe(
      'UnauthorizedException: Permission denied; 400: Bad',
    );
    expect(describeAppSyncErrors(undefined)).toBe('no reason given');
  });
});
