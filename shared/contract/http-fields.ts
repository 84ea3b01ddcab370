import { z } from 'zod';

// The fields of an HTTP request that are checked alone: header names and values, region, service,
// algorithm and region set. Re-exported by http.ts; `shomei sign` imports this file alone, so it
// starts without building every schema of the contract.

// Security: CR, LF and NUL are refused in every header name, value and URL before anything is
// signed or sent, so user input can never split a request or smuggle a header.
export const NO_CONTROL_BREAKS = /^[^\r\n\0]*$/;

/** A header name: an RFC 9110 token. */
export const HeaderNameSchema = z
  .string()
  .min(1, 'A header needs a name')
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'A header name may not contain spaces, colons or line breaks');

/** A header value: any Latin-1 text but line breaks and NUL (Node refuses anything above U+00FF). */
export const HeaderValueSchema = z
  .string()
  .max(64 * 1024)
  .regex(NO_CONTROL_BREAKS, 'A header value may not contain line breaks')
  .refine((value) => ![...value].some((char) => (char.codePointAt(0) ?? 0) > 0xff), {
    message: 'A header value can only carry Latin-1 characters: percent-encode the others',
  });

/** An AWS region name such as `us-east-1`. */
export const RegionSchema = z
  .string()
  .trim()
  .min(1, 'Choose a region')
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'A region looks like us-east-1');

/** An AWS signing name such as `execute-api`, `s3`, `lambda`. */
export const ServiceSchema = z
  .string()
  .trim()
  .min(1, 'Choose a service')
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'A service signing name looks like execute-api or s3');

/** SigV4 (HMAC, one region) or SigV4a (ECDSA P-256, a region set: S3 Multi-Region Access Points). */
export const SigningAlgorithmSchema = z.enum(['sigv4', 'sigv4a']);
export type SigningAlgorithm = z.infer<typeof SigningAlgorithmSchema>;

/** The regions a SigV4a signature is good for: `*`, or regions separated by commas (`us-*` wildcards allowed). */
export const RegionSetSchema = z
  .string()
  .trim()
  .min(1, 'Choose a region set (* for every region)')
  .max(512)
  .regex(
    /^(?:\*|[a-z0-9-]+\*?)(?:,(?:\*|[a-z0-9-]+\*?))*$/,
    'A region set is * or regions separated by commas (us-east-1,us-west-2)',
  );
