/**
 * A resolved draft planned for the request service: its body planned (`draft-body.ts`), its auth
 * applied with the chosen credentials, each part checked by the contract's rule, and the secrets
 * it carries (an auth's, a secret variable's) named so the request service protects them.
 */
import type { RequestDraft } from '../../../shared/contract/collections';
import type { z } from 'zod';
import { RequestSpecSchema, type SendOptionsInput } from '../../../shared/contract/http';
import { ShomeiError } from '../../../shared/errors';
import type { AuthApplyContext, AuthTarget, Refusal } from '../auth/auth-type';
import type { OAuth2Tokens } from '../auth/oauth2-tokens';
import { applyAuth, type ResolvedAuth } from '../auth/registry';
import { NO_BODY, type BodyPlan, type PlannedRequest } from '../requests/planned-request';
import { planBody, type BodyFileRules } from './draft-body';
import type { ChosenCredentials } from './draft-trust';

/**
 * How an OAuth token request of this send connects: the send's own TLS, CA and proxy (never its
 * connect-to). Undefined when there are no OAuth tokens to fetch.
 */
export function oauth2ContextOf(
  tokens: Pick<OAuth2Tokens, 'token'> | undefined,
  options: SendOptionsInput | undefined,
  onRenewExpired?: () => void,
): AuthApplyContext['oauth2'] {
  return (
    tokens && {
      tokens,
      connection: {
        ...(options?.isTlsVerified === false ? { isTlsVerified: false } : {}),
        ...(options?.caBundlePem ? { caBundlePem: options.caBundlePem } : {}),
        ...(options?.proxyUrl ? { proxyUrl: options.proxyUrl } : {}),
        ...(options?.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      },
      ...(onRenewExpired ? { onRenewExpired } : {}),
    }
  );
}

/**
 * A resolved draft and its auth planned for the request service, with the credentials chosen (see
 * `chooseCredentials`): the auth applied (its headers or query, or the signer), a text body as its
 * UTF-8 bytes, a file body (binary, multipart with files) streamed from disk as it is hashed and
 * sent. Each part is checked by the contract's own rule for it, in the contract's order.
 */
export async function planRequest(
  request: RequestDraft,
  auth: ResolvedAuth,
  options: SendOptionsInput | undefined,
  chosen: ChosenCredentials,
  files: BodyFileRules,
  refusal: Refusal = 'Not sent',
  cognito?: AuthApplyContext['cognito'],
  oauth2?: AuthApplyContext['oauth2'],
): Promise<PlannedRequest> {
  const { text, streamed } = planBody(request.body, files);
  // The auth adds its headers or query (an API key beside a signer first), or names the signer.
  const target: AuthTarget = {
    url: request.url,
    headers: request.headers.map((row): [string, string] => [row.name, row.value]),
    secrets: [],
    credentialHeaders: [],
  };
  await applyAuth(
    auth,
    target,
    { chosenCredentials: chosen.kind === 'source' ? chosen.source : undefined, cognito, oauth2, now: () => new Date() },
    refusal,
  );
  const part = checkPart(refusal);
  const rules = RequestSpecSchema.shape;
  const method = part('method', rules.method, request.method);
  const url = part('url', rules.url, target.url);
  const headers = part(
    'headers',
    rules.headers,
    target.headers.map(([name, value]) => ({ name, value, isEnabled: true })),
  );
  let body: BodyPlan = streamed ?? NO_BODY;
  if (!streamed) {
    const checked = part('body', rules.body, text);
    if (checked.kind === 'text')
      body = { kind: 'bytes', bytes: Buffer.from(checked.text, 'utf8'), contentType: checked.contentType };
  }
  return {
    method,
    url,
    headers: headers.map((row): [string, string] => [row.name, row.value]),
    body,
    auth: part('auth', rules.auth, target.signer ?? { type: 'none' }),
    options: part('options', rules.options, options ?? {}),
    secrets: { values: target.secrets.filter((s) => s !== ''), credentialHeaders: target.credentialHeaders },
  };
}

/** Checks one part of a planned request by its contract rule; the first problem stops the send, named by its path. */
function checkPart(refusal: Refusal) {
  return <T>(name: string, rule: z.ZodType<T, unknown>, value: unknown): T => {
    const checked = rule.safeParse(value);
    if (checked.success) return checked.data;
    const issue = checked.error.issues[0];
    const path = [name, ...(issue?.path ?? [])].join('.');
    throw new ShomeiError('INVALID_INPUT', `${refusal}: ${path} ${issue?.message ?? 'is not valid'}`.trim());
  };
}

/**
 * Security: a header whose value came from a secret variable (an `X-Api-Key: {{apiKey}}`, a
 * `Cookie: session={{sid}}`) carries a credential: it never goes to another origin on a redirect,
 * and its secret is redacted from the summaries, like an auth type's own header.
 */
export function withSecretHeaders(
  request: PlannedRequest,
  secretValues: readonly string[],
  secretNames?: ReadonlyMap<string, string>,
): PlannedRequest {
  const secrets = secretValues.filter((value) => value !== '');
  if (secrets.length === 0) return request;
  const names = request.headers
    .filter(([, value]) => secrets.some((secret) => value.includes(secret)))
    .map(([name]) => name);
  const known = request.secrets;
  return {
    ...request,
    secrets: {
      values: [...new Set([...known.values, ...secrets])],
      credentialHeaders: [...new Set([...known.credentialHeaders, ...names])],
      // The sent-request view and the inspector show `{{name}}` where a secret variable's value went.
      ...(secretNames && secretNames.size > 0
        ? { names: secretNames, variableHeaders: names.filter((name) => !known.credentialHeaders.includes(name)) }
        : {}),
    },
  };
}
