import { z } from 'zod';
import { HeaderNameSchema, HeaderValueSchema, RegionSchema, RegionSetSchema, ServiceSchema, SigningAlgorithmSchema } from '../../shared/contract/http-fields';
import { isShomeiError } from '../../shared/errors';
import { detectSigningTarget } from '../../shared/aws/signing-presets';
import { signRequest } from '../core/signing/sign-request';

/** The JSON `shomei sign` reads on stdin. */
export const SignCommandInputSchema = z
  .object({
    method: z.string().min(1).regex(/^[A-Za-z]+$/, 'method is a word like GET'),
    url: z.string().regex(/^https?:\/\//i, 'url must start with http:// or https://').regex(/^[^\r\n]*$/, 'url may not contain line breaks'),
    headers: z.array(z.tuple([HeaderNameSchema, HeaderValueSchema])).default([]),
    body: z.string().optional(),
    bodyBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'bodyBase64 must be base64').optional(),
    /** Read from the URL when absent (API Gateway, Lambda URLs, S3, … — see detectSigningTarget). */
    region: RegionSchema.optional(),
    service: ServiceSchema.optional(),
    credentials: z.object({
      accessKeyId: z.string().min(1),
      secretAccessKey: z.string().min(1),
      sessionToken: z.string().min(1).optional(),
    }),
    signingDate: z.iso.datetime({ offset: true }).optional(),
    signQuery: z.boolean().optional(),
    expiresIn: z.number().int().min(1).max(604_800).optional(),
    /** `sigv4a` for ECDSA signatures good for `regionSet` (default `*`); read from the URL when absent (S3 Multi-Region Access Points). */
    algorithm: SigningAlgorithmSchema.optional(),
    regionSet: RegionSetSchema.optional(),
  })
  .refine((input) => input.body === undefined || input.bodyBase64 === undefined, 'give body or bodyBase64, not both');

/**
 * `shomei sign`: one JSON request on stdin → one JSON signed request on stdout. Bad input → one
 * line on stderr and exit code 2. The signing seam other tools can hold against their own signers.
 */
export async function runSignCommand(
  stdin: AsyncIterable<Buffer | string>,
  stdout: { write(text: string): unknown },
  stderr: { write(text: string): unknown },
): Promise<number> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    stderr.write('shomei sign: stdin is not one JSON object\n');
    return 2;
  }
  const parsed = SignCommandInputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    stderr.write(`shomei sign: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}\n`);
    return 2;
  }
  const input = parsed.data;
  const detected = detectSigningTarget(input.url);
  const algorithm = input.algorithm ?? detected?.algorithm ?? 'sigv4';
  // SigV4a signs for a region set, not a region: the region is only needed by SigV4.
  const region = input.region ?? detected?.region ?? (algorithm === 'sigv4a' ? 'us-east-1' : undefined);
  const service = input.service ?? detected?.service;
  if (!region || !service) {
    stderr.write(`shomei sign: ${region ? 'service' : 'region'}: could not be told from the URL's host; give it in the input\n`);
    return 2;
  }
  try {
    const signed = await signRequest({
      method: input.method,
      url: input.url,
      headers: input.headers,
      body: input.bodyBase64 !== undefined ? Buffer.from(input.bodyBase64, 'base64') : Buffer.from(input.body ?? '', 'utf8'),
      region,
      service,
      credentials: input.credentials,
      ...(input.signingDate ? { signingDate: new Date(input.signingDate) } : {}),
      isQuerySigned: input.signQuery ?? false,
      ...(input.expiresIn === undefined ? {} : { expiresInSeconds: input.expiresIn }),
      algorithm,
      regionSet: input.regionSet ?? detected?.regionSet,
    });
    stdout.write(
      `${JSON.stringify({
        method: signed.method,
        url: signed.url,
        headers: signed.headers,
        canonicalRequest: signed.signing.canonicalRequest,
        stringToSign: signed.signing.stringToSign,
        signature: signed.signing.signature,
        signedHeaders: signed.signing.signedHeaders,
        region: signed.signing.region,
        service: signed.signing.service,
        algorithm: signed.signing.algorithm,
      })}\n`,
    );
    return 0;
  } catch (error) {
    stderr.write(`shomei sign: ${isShomeiError(error) ? error.message : 'signing failed'}\n`);
    return 2;
  }
}
