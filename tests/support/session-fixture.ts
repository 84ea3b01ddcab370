// One open tab with unsaved edits, as the window keeps it in session.json (hot exit): for the
// open-tabs store's tests and its crash child.
import type { Session } from '../../shared/contract/session';

export const draft = {
  method: 'POST',
  url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/items?a=1',
  params: [{ name: 'a', value: '1', isEnabled: true }],
  headers: [{ name: 'X-Note', value: 'half typed', isEnabled: true }],
  bodyKind: 'json' as const,
  bodyText: '{"draft": true',
  formRows: [],
  parts: [],
  binaryPath: '',
  binaryContentType: '',
  graphql: { query: '', variables: '', operationName: '' },
  authType: 'aws-sigv4' as const,
  auths: {},
  aws: {
    credentialChoice: 'typed' as const,
    profileId: '',
    awsProfile: '',
    region: 'eu-west-1',
    service: 'execute-api',
    isScopeOverridden: false,
    isQuerySigned: false,
    expiresInSeconds: 900,
    payload: 'default' as const,
    isSessionTokenSigned: true,
    algorithm: 'sigv4' as const,
    regionSet: '',
  },
  options: {
    timeoutSeconds: 30,
    isFollowingRedirects: true,
    maxRedirects: 5,
    isTlsVerified: true,
    caBundlePem: '',
    proxyUrl: '',
    connectTo: '',
  },
  checks: [
    { id: 'c1', isEnabled: true, target: { kind: 'status' as const }, operator: 'equals' as const, expected: '200' },
  ],
  captures: [],
};
export const session: Session = {
  tabs: [
    {
      id: 'tab-1',
      draft,
      cleanDraft: { ...draft, bodyText: '' },
      opened: { name: 'New request', savedAuth: { type: 'inherit' } },
    },
  ],
  activeId: 'tab-1',
};
