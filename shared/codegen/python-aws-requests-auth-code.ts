// The python-aws-requests-auth target: requests, signed with SigV4 by aws-requests-auth.
import { apiKeyNotes } from './api-key-code';
import type { GeneratedCode, PythonCredentials } from './generate-code';
import { commonNotes, pathEscapeNotes, type PreparedRequest } from './prepared-request';
import { apiKeyBlock, py, pythonApiKey, pythonFile, pythonRequestBlock, roleArnLine } from './python-code';
import { pythonKeys, pythonSend, requestsCall, requestsOptions } from './python-requests-code';

/** Python with requests + aws-requests-auth. */
export function writeAwsRequestsAuth(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const keys = pythonKeys(request, credentials);
  const options = requestsOptions(request);
  const key = pythonApiKey(request);
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by aws-requests-auth when it runs.',
    [
      ...keys.imports,
      ...options.imports,
      ...key.imports,
      'import requests',
      'from aws_requests_auth.aws_auth import AWSRequestsAuth',
    ],
    [
      pythonRequestBlock(request, [
        `HOST = ${py(request.hostHeader)}`,
        ...(credentials === 'assume-role' ? [roleArnLine(request)] : []),
      ]).join('\n'),
      ...(options.lines.length > 0 ? [options.lines.join('\n')] : []),
      keys.lines.join('\n'),
      ...apiKeyBlock(key),
      [
        'auth = AWSRequestsAuth(',
        '    aws_access_key=access_key,',
        '    aws_secret_access_key=secret_key,',
        '    aws_token=session_token,',
        '    aws_host=HOST,',
        '    aws_region=REGION,',
        '    aws_service=SERVICE,',
        ')',
      ].join('\n'),
      pythonSend(requestsCall(options.kwargs)),
    ],
  );
  const install =
    credentials === 'env' ? 'pip install requests aws-requests-auth' : 'pip install requests aws-requests-auth boto3';
  return {
    target: 'python-aws-requests-auth',
    language: 'python',
    code,
    notes: [
      install,
      ...keys.notes,
      ...apiKeyNotes(request),
      ...pathEscapeNotes(request, 'aws-requests-auth', 'twice'),
      ...options.notes,
      ...commonNotes(request),
    ],
  };
}
