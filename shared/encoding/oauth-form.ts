import { awsUriEncode } from '../aws/uri-encoding';

/**
 * `application/x-www-form-urlencoded` as OAuth 2.0 writes it (RFC 6749 Appendix B): UTF-8, every
 * byte but `A–Z a–z 0–9 - . _ ~` percent-encoded, a space as `+`. Main's token request (its form
 * body and the client id and secret of `Authorization: Basic`, RFC 6749 §2.3.1) and generated code
 * encode alike, so a `:`, `%` or space in a client secret reaches the server the same way.
 */
export function oauthFormEncode(value: string): string {
  return awsUriEncode(value).replace(/%20/g, '+');
}
