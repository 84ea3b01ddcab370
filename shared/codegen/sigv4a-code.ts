import type { CodeTarget, GeneratedCode } from './generate-code';
import type { PreparedRequest } from './prepared-request';

/**
 * For a SigV4a request and a tool that signs SigV4 only: comments that say so, and no command.
 * A SigV4 signature would be refused by a SigV4a endpoint (an S3 Multi-Region Access Point), so
 * nothing that looks like it would work is written.
 */
export function writeWithoutSigV4a(request: PreparedRequest, target: CodeTarget, tool: string): GeneratedCode {
  const language = target === 'curl' || target === 'awscurl' ? 'shell' : 'python';
  const lines = [
    `# ${tool} cannot sign this request: it is signed with SigV4a (ECDSA, region set ${request.regionSet}),`,
    `# and ${tool} signs SigV4 only. A SigV4 signature is refused where SigV4a is required`,
    '# (S3 Multi-Region Access Points and other global endpoints), so no command is written here.',
    '# Choose "Python: botocore" (SigV4a with the AWS CRT) or "JavaScript" (@smithy/signature-v4a) instead.',
    `# The request: ${request.method} ${request.url}`,
  ];
  return {
    target,
    language,
    code: `${lines.join('\n')}\n`,
    notes: [`${tool} has no SigV4a: use the botocore or JavaScript variant for this request.`],
  };
}
