import { describe, expect, it } from 'vitest';
import { codeRequestOf } from '../../../../../renderer/features/codegen/code-request';
import { EMPTY_DRAFT } from '../../../../../renderer/features/request/request-draft';

const draft = {
  ...EMPTY_DRAFT,
  url: 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/a.txt',
  authType: 'aws-sigv4' as const,
  aws: { ...EMPTY_DRAFT.aws, credentialChoice: 'env' as const, service: 's3' },
};

describe('generated code and SigV4a', () => {
  it('says that the code signs with SigV4 when the request uses SigV4a', () => {
    const { note } = codeRequestOf({ ...draft, aws: { ...draft.aws, algorithm: 'sigv4a', regionSet: '' } }, undefined);
    expect(note).toMatch(/^This request signs with SigV4a \(region set \*\); the code below signs with SigV4/);
  });

  it('says nothing for SigV4', () => {
    expect(codeRequestOf(draft, undefined).note).toBeUndefined();
  });
});
