import { z } from 'zod';
import { CaptureResultSchema, CheckResultSchema } from './checks';
import { HeaderNameSchema, HeaderValueSchema, NO_CONTROL_BREAKS, RegionSchema, RegionSetSchema, ServiceSchema, SigningAlgorithmSchema } from './http-fields';

// The single fields of a request live in http-fields.ts (shomei sign reads them without the rest).
export * from './http-fields';

/** An HTTP method token (RFC 9110), upper-cased by the UI; custom methods allowed. */
export const HttpMethodSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'A method is one word of letters (GET, POST, …)');

/** One row of a headers or params table. Disabled rows are kept but never sent. */
export const KeyValueRowSchema = z.object({
  name: z.string().max(64 * 1024),
  value: z.string().max(1024 * 1024),
  isEnabled: z.boolean().default(true),
});
export type KeyValueRow = z.infer<typeof KeyValueRowSchema>;

/** A header row as sent. */
export const HeaderRowSchema = z.object({
  name: HeaderNameSchema,
  value: HeaderValueSchema,
  isEnabled: z.boolean().default(true),
});
export type HeaderRow = z.infer<typeof HeaderRowSchema>;

/** An absolute http(s) URL as the user typed it; parsed again by the core. */
export const RequestUrlSchema = z
  .string()
  .trim()
  .min(1, 'Type a URL to send to')
  .max(64 * 1024)
  .regex(NO_CONTROL_BREAKS, 'A URL may not contain line breaks')
  .regex(/^https?:\/\/[^/?#\s]+/i, 'A URL starts with http:// or https:// and a host');

/** The request body. Text is sent as UTF-8; base64 carries binary bytes. */
export const RequestBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('text'),
    text: z.string().max(50 * 1024 * 1024),
    contentType: HeaderValueSchema.optional(),
  }),
  z.object({
    kind: z.literal('base64'),
    base64: z
      .string()
      .max(70 * 1024 * 1024)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Binary bodies are base64'),
    contentType: HeaderValueSchema.optional(),
  }),
]);
export type RequestBody = z.infer<typeof RequestBodySchema>;

/** An access key ID: AWS's are AKIA…/ASIA… (20 characters); S3-compatible gateways use other shapes. */
export const AccessKeyIdSchema = z
  .string()
  .trim()
  .min(3, 'An access key ID is at least 3 characters')
  .max(128)
  .regex(/^[A-Za-z0-9]+$/, 'An access key ID is letters and digits (AKIA… or ASIA… on AWS)');

/** When temporary credentials stop working, as an ISO 8601 instant. */
export const ExpirationSchema = z.iso.datetime({ offset: true });

/** Keys typed (or pasted) straight into the Auth tab. The secret goes one way: renderer → main. */
export const InlineCredentialsSchema = z.object({
  source: z.literal('inline'),
  accessKeyId: AccessKeyIdSchema,
  secretAccessKey: z.string().trim().min(1, 'Fill in the secret access key').max(256),
  sessionToken: z.string().trim().max(8192).optional(),
  /** Known for pasted temporary credentials: sending after it is refused before anything goes out. */
  expiration: ExpirationSchema.optional(),
});
export type InlineCredentials = z.infer<typeof InlineCredentialsSchema>;

/** A name of a `~/.aws/config` or `~/.aws/credentials` profile. */
export const AwsProfileNameSchema = z
  .string()
  .trim()
  .min(1, 'Choose a profile')
  .max(256)
  .regex(/^[^\s[\]]+$/, 'A profile name has no spaces or brackets');

/**
 * Where the credentials for a signed request come from, resolved in main at send time: keys from
 * the Auth tab, a saved Shomei credential profile (static keys, pasted temporary keys, or an
 * AssumeRole on top of another source), a `~/.aws` profile, the environment, or the default chain.
 */
export const CredentialSourceSchema = z.discriminatedUnion('source', [
  InlineCredentialsSchema,
  z.object({ source: z.literal('profile'), profileId: z.string().min(1).max(256) }),
  z.object({ source: z.literal('aws-profile'), profile: AwsProfileNameSchema }),
  z.object({ source: z.literal('env') }),
  z.object({ source: z.literal('default-chain') }),
]);
export type CredentialSource = z.infer<typeof CredentialSourceSchema>;

/** How a payload is represented in the signature. */
export const PayloadPolicySchema = z.enum(['signed', 'unsigned', 'omit']);
export type PayloadPolicy = z.infer<typeof PayloadPolicySchema>;

/** The auth of one request. */
export const AuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('aws-sigv4'),
    credentials: CredentialSourceSchema,
    region: RegionSchema,
    service: ServiceSchema.default('execute-api'),
    isQuerySigned: z.boolean().default(false),
    expiresInSeconds: z.number().int().min(1).max(604_800).default(900),
    /** Sign the session token (default), or append it after signing as a few services (IoT) want. */
    isSessionTokenSigned: z.boolean().default(true),
    payload: PayloadPolicySchema.optional(),
    /** Absent: SigV4. SigV4a signs for `regionSet` (default `*`) instead of `region`. */
    algorithm: SigningAlgorithmSchema.optional(),
    regionSet: RegionSetSchema.optional(),
  }),
]);
export type Auth = z.infer<typeof AuthSchema>;

/** `host:port` to open the connection to, instead of the URL's host (which stays the signed one). */
export const ConnectToSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'Connect to looks like host:port (e.g. localhost:8443)');

/** Knobs of one send. */
export const SendOptionsSchema = z.object({
  timeoutMs: z.number().int().min(1).max(3_600_000).default(30_000),
  /** Bodies larger than this are cut (the response says so). */
  maxBodyBytes: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(256 * 1024 * 1024),
  isFollowingRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(50).default(5),
  /** Security: off only by the user's explicit choice, and the response then carries a warning. */
  isTlsVerified: z.boolean().default(true),
  /** Extra trusted certificate authorities, PEM. */
  caBundlePem: z
    .string()
    .max(1024 * 1024)
    .regex(/^[\s\S]*-----BEGIN CERTIFICATE-----[\s\S]*$/, 'A CA bundle is PEM text with BEGIN CERTIFICATE blocks')
    .optional(),
  /** `http://host:port` of a proxy; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured. */
  proxyUrl: z
    .string()
    .trim()
    .max(2048)
    .regex(/^https?:\/\/[^\s/?#]+\/?$/i, 'A proxy is http://host:port or https://host:port')
    .optional(),
  connectTo: ConnectToSchema.optional(),
});
export type SendOptions = z.infer<typeof SendOptionsSchema>;
export type SendOptionsInput = z.input<typeof SendOptionsSchema>;

/** Everything the user composed for one request. */
export const RequestSpecSchema = z.object({
  method: HttpMethodSchema,
  url: RequestUrlSchema,
  headers: z.array(HeaderRowSchema).max(500).default([]),
  body: RequestBodySchema.default({ kind: 'none' }),
  auth: AuthSchema.default({ type: 'none' }),
  options: SendOptionsSchema.prefault({}),
});
export type RequestSpec = z.infer<typeof RequestSpecSchema>;
export type RequestSpecInput = z.input<typeof RequestSpecSchema>;

/** A header as it appears on the wire: [name, value]. */
export const HeaderPairSchema = z.tuple([z.string(), z.string()]);
export type HeaderPair = z.infer<typeof HeaderPairSchema>;

/** What was signed, for the inspector. Never holds a secret: the session token is redacted. */
export const SigningSummarySchema = z.object({
  canonicalRequest: z.string(),
  stringToSign: z.string(),
  signature: z.string(),
  signedHeaders: z.string(),
  credentialScope: z.string(),
  region: z.string(),
  service: z.string(),
  isQuerySigned: z.boolean(),
  /** Absent in summaries written before SigV4a existed: SigV4. For SigV4a, `region` is the region set. */
  algorithm: SigningAlgorithmSchema.optional(),
});
export type SigningSummary = z.infer<typeof SigningSummarySchema>;

/** One step of a send, for the timeline. Never holds a secret. */
export const TimelineEntrySchema = z.object({
  atMs: z.number(),
  kind: z.enum(['resolve', 'sign', 'send', 'redirect', 'receive', 'warning', 'note']),
  text: z.string(),
  headers: z.array(HeaderPairSchema).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** Where the time of a send went. Phases are absent on a reused connection. */
export const TimingSchema = z.object({
  startedAt: z.string(),
  totalMs: z.number(),
  dnsMs: z.number().optional(),
  connectMs: z.number().optional(),
  tlsMs: z.number().optional(),
  firstByteMs: z.number().optional(),
  downloadMs: z.number().optional(),
  isConnectionReused: z.boolean().optional(),
});
export type Timing = z.infer<typeof TimingSchema>;

/** The response as the user sees it. 4xx/5xx are responses, not errors. */
export const ResponseSummarySchema = z.object({
  status: z.number().int(),
  statusText: z.string(),
  headers: z.array(HeaderPairSchema),
  body: z.object({
    /** The whole body, or its first part when `bodyId` is set (read the rest with `response:read-body`). */
    base64: z.string(),
    size: z.number().int(),
    isTruncated: z.boolean(),
    contentType: z.string().optional(),
    /** Set when the body was streamed to a temporary file because it is large. */
    bodyId: z.string().optional(),
    /** Bytes on the wire when the body was compressed (content-encoding). */
    compressedSize: z.number().int().optional(),
    headersSize: z.number().int().optional(),
  }),
  timing: TimingSchema,
  timeline: z.array(TimelineEntrySchema).default([]),
  /** Hops followed, oldest first. */
  redirects: z.array(z.object({ status: z.number().int(), url: z.string() })).default([]),
  warnings: z.array(z.string()).default([]),
  request: z.object({
    method: z.string(),
    url: z.string(),
    /** Headers exactly as sent; the session token and signature are redacted. */
    headers: z.array(HeaderPairSchema),
    bodySize: z.number().int(),
  }),
  signing: SigningSummarySchema.optional(),
  /** Results of the request's checks and captures, when it has any. */
  tests: z.object({ checks: z.array(CheckResultSchema), captures: z.array(CaptureResultSchema) }).optional(),
});
export type ResponseSummary = z.infer<typeof ResponseSummarySchema>;
