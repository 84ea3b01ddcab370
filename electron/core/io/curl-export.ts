import {
  type CredentialRef,
  type SavedAuth,
  type SavedBody,
  type SavedSendOptions,
  withoutProxyCredentials,
} from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { joinQuery } from '../collections/url-query';
import { CREDENTIAL_HEADERS, SIGNING_HEADERS, type ExportNote } from './io-types';
import { quoteShellWord } from './shell-words';

/** A request ready to write as curl: the URL may still hold `{{variables}}`. */
export interface CurlSource {
  method: string;
  url: string;
  params?: readonly KeyValueRow[] | undefined;
  headers: readonly KeyValueRow[] | ReadonlyArray<readonly [string, string]>;
  body: SavedBody;
  auth:
    | SavedAuth
    | { type: 'aws-sigv4'; credentialSource: CredentialRef; region: string; service: string; isQuerySigned: boolean };
  /** The request's own send options; absent ones follow Shomei's defaults. */
  options?: SavedSendOptions | undefined;
}

/**
 * Writes one request as a curl command with one option per line. AWS auth becomes `--aws-sigv4`
 * with keys taken from `$AWS_ACCESS_KEY_ID`/`$AWS_SECRET_ACCESS_KEY` at run time, so the command
 * never holds a secret; the notes say which credential profile those should come from. Send
 * options become `--max-time`, `--location` (unless AWS auth sends the session token header,
 * which curl would carry to other hosts), `--max-redirs`, `--insecure`, `--proxy` and
 * `--connect-to ::HOST:PORT`, so `importCurl` reads them back; a CA bundle is left out with a note.
 */
export function exportCurl(request: CurlSource): { text: string; notes: ExportNote[] } {
  const notes: ExportNote[] = [];
  const lines: string[] = [
    `curl --request ${quoteShellWord(request.method)}`,
    `--url ${quoteShellWord(joinQuery(request.url, request.params ?? []))}`,
  ];
  const headerPairs: Array<[string, string]> = request.headers.flatMap((h) =>
    Array.isArray(h)
      ? [[h[0], h[1]] as [string, string]]
      : (h as KeyValueRow).isEnabled
        ? [[(h as KeyValueRow).name, (h as KeyValueRow).value] as [string, string]]
        : [],
  );
  for (const [name, value] of headerPairs) {
    if (CREDENTIAL_HEADERS.has(name.toLowerCase()) || SIGNING_HEADERS.has(name.toLowerCase())) continue;
    lines.push(`--header ${quoteShellWord(`${name}: ${value}`)}`);
  }
  const auth = request.auth;
  if (auth.type === 'aws-sigv4') {
    lines.push(`--aws-sigv4 ${quoteShellWord(`aws:amz:${auth.region}:${auth.service}`.replace(/:+$/, ''))}`);
    // Security: the shell fills the keys in when the command runs; they are never written here.
    lines.push('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    lines.push('--header "X-Amz-Security-Token: $AWS_SESSION_TOKEN"');
    const ref = auth.credentialSource;
    const from =
      ref.source === 'profile'
        ? `the Shomei credential profile "${ref.profileId}"`
        : ref.source === 'aws-profile'
          ? `the AWS profile "${ref.profile}" (e.g. eval "$(aws configure export-credentials --profile ${ref.profile} --format env)")`
          : 'your AWS credentials';
    notes.push({
      path: 'auth',
      message: `Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from ${from} before running it; drop the token header for long-term keys`,
    });
    if (auth.isQuerySigned)
      notes.push({
        path: 'auth',
        message: 'curl signs in the Authorization header; the presigned-URL setting was not carried over',
      });
  }
  lines.push(...curlOptionArgs(request.options ?? {}, auth.type === 'aws-sigv4', notes));
  const body = request.body;
  switch (body.kind) {
    case 'text':
      if (body.contentType !== undefined && !headerPairs.some(([n]) => n.toLowerCase() === 'content-type')) {
        lines.push(`--header ${quoteShellWord(`Content-Type: ${body.contentType}`)}`);
      }
      lines.push(`--data-raw ${quoteShellWord(body.text)}`);
      break;
    case 'form-urlencoded':
      for (const row of body.rows.filter((r) => r.isEnabled))
        lines.push(`--data-urlencode ${quoteShellWord(`${row.name}=${row.value}`)}`);
      break;
    case 'multipart':
      for (const part of body.parts.filter((p) => p.isEnabled)) {
        const type = part.contentType !== undefined ? `;type=${part.contentType}` : '';
        if (part.kind === 'file') lines.push(`--form ${quoteShellWord(`${part.name}=@${part.filePath}${type}`)}`);
        else lines.push(`--form-string ${quoteShellWord(`${part.name}=${part.value}`)}`);
      }
      break;
    case 'binary':
      if (body.contentType !== undefined) lines.push(`--header ${quoteShellWord(`Content-Type: ${body.contentType}`)}`);
      lines.push(`--data-binary ${quoteShellWord(`@${body.filePath}`)}`);
      break;
    case 'none':
      break;
  }
  return { text: `${lines.join(' \\\n  ')}\n`, notes };
}

/** curl arguments for a request's send options; what curl cannot take from the command line goes to `notes`. */
function curlOptionArgs(options: SavedSendOptions, isSendingToken: boolean, notes: ExportNote[]): string[] {
  const args: string[] = [];
  if (options.timeoutMs !== undefined) args.push(`--max-time ${options.timeoutMs / 1000}`);
  // Absent follows Shomei's default, which follows; curl only follows with --location.
  if (options.isFollowingRedirects !== false) {
    if (isSendingToken)
      // Security: curl sends every -H header to whatever host a redirect leads to, the session token
      // included, where Shomei sends it to the same origin only; so this command is not told to follow.
      notes.push({
        path: 'options',
        message:
          'Redirects are not followed (no --location): curl would send the X-Amz-Security-Token header to any host a redirect leads to. Add --location yourself only for long-term keys (without that header)',
      });
    else args.push('--location');
  }
  if (options.maxRedirects !== undefined) args.push(`--max-redirs ${options.maxRedirects}`);
  if (options.isTlsVerified === false) args.push('--insecure');
  if (options.caBundlePem !== undefined)
    notes.push({
      path: 'options',
      message: 'The CA bundle is not written: save it as a .pem file and add --cacert FILE',
    });
  if (options.proxyUrl !== undefined) {
    // Security: saved requests hold no proxy user name or password; strip them anyway should one slip through.
    const proxyUrl = withoutProxyCredentials(options.proxyUrl);
    const authority = proxyUrl.replace(/^https?:\/\//i, '').replace(/\/$/, '');
    // curl assumes port 1080 when none is given; Shomei uses the scheme's.
    const port = /^https:/i.test(proxyUrl) ? 443 : 80;
    const explicit = /^(\[[^\]]*\]|[^:]*):\d+$/.test(authority)
      ? proxyUrl
      : proxyUrl.replace(authority, `${authority}:${port}`);
    args.push(`--proxy ${quoteShellWord(explicit)}`);
  }
  // Empty HOST1 and PORT1 match any host and port, as Shomei's connect-to applies to every hop.
  if (options.connectTo !== undefined) args.push(`--connect-to ${quoteShellWord(`::${options.connectTo}`)}`);
  return args;
}
