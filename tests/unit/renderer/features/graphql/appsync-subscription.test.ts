import { describe, expect, it } from 'vitest';
import { isAppSyncSubscription } from '../../../../../renderer/features/graphql/appsync-subscription';
import { EMPTY_DRAFT } from '../../../../../renderer/features/request/request-draft';

const subscription = { query: 'subscription S { onX { id } }', variables: '', operationName: '' };

describe('which requests offer Subscribe', () => {
  it('a GraphQL subscription to an AppSync API host', () => {
    expect(isAppSyncSubscription({ ...EMPTY_DRAFT, url: 'https://abc.appsync-api.us-east-1.amazonaws.com/graphql', bodyKind: 'graphql', graphql: subscription })).toBe(true);
  });

  it('a GraphQL subscription to another host signed for the service appsync (a custom domain)', () => {
    const draft = { ...EMPTY_DRAFT, url: 'https://api.example.com/graphql', bodyKind: 'graphql' as const, graphql: subscription };
    expect(isAppSyncSubscription(draft)).toBe(false);
    expect(isAppSyncSubscription({ ...draft, authType: 'aws-sigv4', aws: { ...draft.aws, service: 'appsync' } })).toBe(true);
  });

  it('not a query or mutation, and not a body that is not GraphQL', () => {
    const url = 'https://abc.appsync-api.us-east-1.amazonaws.com/graphql';
    expect(isAppSyncSubscription({ ...EMPTY_DRAFT, url, bodyKind: 'graphql', graphql: { ...subscription, query: 'mutation M { add { id } }' } })).toBe(false);
    expect(isAppSyncSubscription({ ...EMPTY_DRAFT, url, bodyKind: 'json', bodyText: JSON.stringify({ query: subscription.query }) })).toBe(false);
  });
});
