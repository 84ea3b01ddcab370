import { describe, expect, it } from 'vitest';
import { generateCode } from '../../../../../shared/codegen/generate-code';
import { codeRequestOf } from '../../../../../renderer/features/codegen/code-request';
import { EMPTY_DRAFT } from '../../../../../renderer/features/request/request-draft';

const draft = {
  ...EMPTY_DRAFT,
  url: 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/a.txt',
  authType: 'aws-sigv4' as const,
  aws: { ...EMPTY_DRAFT.aws, credentialChoice: 'env' as const, service: 's3' },
};

describe('generated code and SigV4a', () => {
  it('hands the algorithm and the region set (* when empty) to the code generator', () => {
    const { request, note } = codeRequestOf({ ...draft, aws: { ...draft.aws, algorithm: 'sigv4a', regionSet: '' } }, undefined);
    expect(request).toMatchObject({ algorithm: 'sigv4a', regionSet: '*' });
    expect(note).toBeUndefined();
    expect(codeRequestOf({ ...draft, aws: { ...draft.aws, algorithm: 'sigv4a', regionSet: ' us-*,eu-west-1 ' } }, undefined).request.regionSet).toBe('us-*,eu-west-1');
  });

  it('says nothing of SigV4a for SigV4', () => {
    expect(codeRequestOf(draft, undefined).request.algorithm).toBeUndefined();
  });

  it('curl, awscurl and the requests-based snippets write no SigV4 stand-in, only comments saying why', () => {
    const { request } = codeRequestOf({ ...draft, aws: { ...draft.aws, algorithm: 'sigv4a', regionSet: '*' } }, undefined);
    for (const target of ['curl', 'awscurl', 'python-requests-aws4auth', 'python-aws-requests-auth'] as const) {
      const generated = generateCode(request, target);
      expect(generated.code.trimEnd().split('\n').every((line) => line.startsWith('#')), target).toBe(true);
      expect(generated.code).toMatch(/cannot sign this request: it is signed with SigV4a \(ECDSA, region set \*\)/);
      expect(generated.code).not.toMatch(/aws-sigv4 "|AWS4Auth\(|BotoAWSRequestsAuth\(|awscurl --service/);
      expect(generated.notes.join(' ')).toContain('has no SigV4a');
    }
  });

  it('botocore and smithy write their real SigV4a signers', () => {
    const { request } = codeRequestOf({ ...draft, aws: { ...draft.aws, algorithm: 'sigv4a', regionSet: 'us-*' } }, undefined);
    const python = generateCode(request, 'python-botocore').code;
    expect(python).toContain('REGION_SET = "us-*"');
    expect(python).toContain('botocore.auth.AUTH_TYPE_MAPS.get("s3v4a")');
    expect(python).not.toContain('S3SigV4Auth(');
    const js = generateCode(request, 'javascript-smithy').code;
    expect(js).toContain("import { SignatureV4a } from '@smithy/signature-v4a';");
    expect(js).toContain('  region: "us-*",');
    expect(js).not.toContain('new SignatureV4(');
  });
});
