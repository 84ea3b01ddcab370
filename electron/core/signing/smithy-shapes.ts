import type { QueryParameterBag } from '@smithy/types';
import type { RequestUrl } from './request-url';

// Between the wire's [name, value] pairs and smithy's header and query objects, both ways.

/**
 * The request's headers as smithy takes them (repeated names joined with commas, `host` added
 * from the URL when absent) and each lower-case name's spelling on the wire.
 */
export function mergeHeaders(
  input: ReadonlyArray<readonly [string, string]>,
  url: RequestUrl,
): { headers: Record<string, string>; wireNames: Map<string, string> } {
  const headers: Record<string, string> = {};
  const wireNames = new Map<string, string>();
  for (const [name, value] of input) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-amz-date' || lower === 'x-amz-security-token') {
      continue; // Security: the signer owns these; a stale copy must never ride along.
    }
    const existing = wireNames.get(lower);
    if (existing === undefined) {
      wireNames.set(lower, name);
      setOwn(headers, name, value);
    } else {
      headers[existing] = `${headers[existing]},${value}`;
    }
  }
  if (!wireNames.has('host')) {
    setHeader(headers, wireNames, 'host', url.hostHeader);
  }
  return { headers, wireNames };
}

/**
 * Sets an own property. Plain objects (not null-prototype ones, which V8 keeps in slow dictionary
 * mode) are what smithy copies fastest; Security: a header or query name `__proto__` stays data
 * and never becomes the object's prototype, and reads check `Object.hasOwn`.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Sets a header by its lower-case name, keeping the spelling it already has on the wire. */
export function setHeader(
  headers: Record<string, string>,
  wireNames: Map<string, string>,
  lower: string,
  value: string,
): void {
  const existing = wireNames.get(lower);
  if (existing !== undefined) {
    headers[existing] = value;
    return;
  }
  wireNames.set(lower, lower);
  setOwn(headers, lower, value);
}

/** Every header name, lower-case. */
export function allHeaderNames(headers: Record<string, string>): Set<string> {
  return new Set(Object.keys(headers).map((name) => name.toLowerCase()));
}

/** The URL's query pairs as smithy's bag: a repeated key becomes an array, in order. */
export function toQueryBag(query: ReadonlyArray<readonly [string, string | null]>): QueryParameterBag {
  const bag: Record<string, string | string[]> = {};
  for (const [key, raw] of query) {
    const value = raw ?? '';
    const existing = Object.hasOwn(bag, key) ? bag[key] : undefined;
    if (existing === undefined) setOwn(bag, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else bag[key] = [existing, value];
  }
  return bag;
}

/** The user's pairs in their order, then the signature parameters smithy added. */
export function fromQueryBag(
  original: ReadonlyArray<readonly [string, string | null]>,
  bag: QueryParameterBag,
): Array<[string, string | null]> {
  const originalKeys = new Set(original.map(([key]) => key));
  const out: Array<[string, string | null]> = original.map(([key, value]) => [key, value]);
  for (const key of Object.keys(bag)) {
    if (originalKeys.has(key)) continue;
    const value = bag[key];
    if (Array.isArray(value)) for (const v of value) out.push([key, v]);
    else if (typeof value === 'string') out.push([key, value]);
  }
  return out;
}

/** smithy's signed headers back as wire pairs: the request's names in their order and spelling, then the signer's. */
export function toWireHeaders(
  headers: Record<string, string>,
  wireNames: Map<string, string>,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const lower of wireNames.keys()) {
    const name = wireNames.get(lower) as string;
    const value = headers[name];
    if (value !== undefined) {
      out.push([name, value]);
      seen.add(name);
    }
  }
  for (const name of Object.keys(headers)) {
    if (!seen.has(name)) out.push([name, headers[name] as string]);
  }
  return out;
}
