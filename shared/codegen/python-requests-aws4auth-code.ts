// The python-requests-aws4auth target: requests, signed with SigV4 by requests-aws4auth.
import { apiKeyNotes } from './api-key-code';
import type { GeneratedCode, PythonCredentials } from './generate-code';
import { commonNotes, portNotes, type PreparedRequest } from './prepared-request';
import { apiKeyBlock, pythonApiKey, pythonFile, pythonRequestBlock, roleArnLine } from './python-code';
import { pythonKeys, pythonSend, requestsCall, requestsOptions } from './python-requests-code';

/** Python with requests + requests-aws4auth. */
export function writeRequestsAws4auth(request: PreparedRequest, credentials: PythonCredentials): GeneratedCode {
  const keys = pythonKeys(request, credentials);
  const options = requestsOptions(request);
  const key = pythonApiKey(request);
  const code = pythonFile(
    'Sends the request from Shomei, signed with SigV4 by requests-aws4auth when it runs.',
    [...keys.imports, ...options.imports, ...key.imports, 'import requests', 'from requests_aws4auth import AWS4Auth'],
    [
      pythonRequestBlock(request, credentials === 'assume-role' ? [roleArnLine(request)] : []).join('\n'),
      ...(options.lines.length > 0 ? [options.lines.join('\n')] : []),
      keys.lines.join('\n'),
      ...apiKeyBlock(key),
      'auth = AWS4Auth(access_key, secret_key, REGION, SERVICE, session_token=session_token)',
      pythonSend(requestsCall(options.kwargs)),
    ],
  );
  const install =
    credentials === 'env' ? 'pip install requests requests-aws4auth' : 'pip install requests requests-aws4auth boto3';
  return {
    target: 'python-requests-aws4auth',
    language: 'python',
    code,
    notes: [
      install,
      ...keys.notes,
      ...apiKeyNotes(request),
      ...portNotes(request),
      ...options.notes,
      ...commonNotes(request),
    ],
  };
}
