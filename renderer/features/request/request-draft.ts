import { useCallback, useReducer } from 'react';
import type { RequestSpecInput } from '../../../shared/contract/http';
import { mergeParamsFromUrl, urlWithParams, type ParamRow } from './query-sync';

/** A header row as edited. */
export interface HeaderDraft {
  name: string;
  value: string;
  isEnabled: boolean;
}

/** The body kinds the editor offers. */
export type BodyKind = 'none' | 'json' | 'text' | 'xml';

/** AWS Signature fields as typed. The secret lives only here, in memory, until sent. */
export interface AwsAuthDraft {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  region: string;
  service: string;
}

/** Everything the request editor holds for one request. */
export interface RequestDraft {
  method: string;
  url: string;
  params: ParamRow[];
  headers: HeaderDraft[];
  bodyKind: BodyKind;
  bodyText: string;
  authType: 'none' | 'aws-sigv4';
  aws: AwsAuthDraft;
}

/** Edits the editor can make. */
export type DraftAction =
  | { type: 'method'; method: string }
  | { type: 'url'; url: string }
  | { type: 'params'; params: ParamRow[] }
  | { type: 'headers'; headers: HeaderDraft[] }
  | { type: 'bodyKind'; bodyKind: BodyKind }
  | { type: 'bodyText'; bodyText: string }
  | { type: 'authType'; authType: RequestDraft['authType'] }
  | { type: 'aws'; patch: Partial<AwsAuthDraft> }
  | { type: 'replace'; draft: RequestDraft };

/** A fresh request. */
export const EMPTY_DRAFT: RequestDraft = {
  method: 'GET',
  url: '',
  params: [],
  headers: [],
  bodyKind: 'none',
  bodyText: '',
  authType: 'none',
  aws: { accessKeyId: '', secretAccessKey: '', sessionToken: '', region: 'us-east-1', service: 'execute-api' },
};

/** The reducer behind `useRequestDraft`; URL and Params stay in sync both ways. */
export function draftReducer(draft: RequestDraft, action: DraftAction): RequestDraft {
  switch (action.type) {
    case 'method':
      return { ...draft, method: action.method };
    case 'url':
      return { ...draft, url: action.url, params: mergeParamsFromUrl(action.url, draft.params) };
    case 'params':
      return { ...draft, params: action.params, url: urlWithParams(draft.url, action.params) };
    case 'headers':
      return { ...draft, headers: action.headers };
    case 'bodyKind':
      return { ...draft, bodyKind: action.bodyKind };
    case 'bodyText':
      return { ...draft, bodyText: action.bodyText };
    case 'authType':
      return { ...draft, authType: action.authType };
    case 'aws':
      return { ...draft, aws: { ...draft.aws, ...action.patch } };
    case 'replace':
      return action.draft;
  }
}

const CONTENT_TYPES: Record<Exclude<BodyKind, 'none'>, string> = {
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  xml: 'application/xml',
};

/** The request as the contract wants it. Validation happens in main. */
export function toRequestSpec(draft: RequestDraft): RequestSpecInput {
  return {
    method: draft.method,
    url: draft.url.trim(),
    headers: draft.headers.filter((h) => h.name.trim() !== '').map((h) => ({ name: h.name.trim(), value: h.value, isEnabled: h.isEnabled })),
    body: draft.bodyKind === 'none' ? { kind: 'none' } : { kind: 'text', text: draft.bodyText, contentType: CONTENT_TYPES[draft.bodyKind] },
    auth:
      draft.authType === 'none'
        ? { type: 'none' }
        : {
            type: 'aws-sigv4',
            credentials: {
              source: 'inline',
              accessKeyId: draft.aws.accessKeyId.trim(),
              secretAccessKey: draft.aws.secretAccessKey.trim(),
              ...(draft.aws.sessionToken.trim() ? { sessionToken: draft.aws.sessionToken.trim() } : {}),
            },
            region: draft.aws.region.trim(),
            service: draft.aws.service.trim() || 'execute-api',
          },
  };
}

/** The editor's state and its one way to change it. */
export function useRequestDraft(initial: RequestDraft = EMPTY_DRAFT) {
  const [draft, dispatch] = useReducer(draftReducer, initial);
  const update = useCallback((action: DraftAction) => dispatch(action), []);
  return { draft, update };
}
