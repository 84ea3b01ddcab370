// Example values for OpenAPI parameters and media types: what the file declares, or one built
// from the schema (objects, arrays, enums, allOf/oneOf/anyOf).
import type { RefResolver } from './openapi-document';
import { asArray, isObject, type Json } from './untrusted-json';

/** Only what the file itself gives a path parameter (example, examples, schema example or default): never a made-up "string". */
export function declaredExample(param: Json, resolve: RefResolver): string | undefined {
  const schema = resolve(param.schema);
  const candidates = [
    param.example,
    isObject(param.examples) ? (resolve(Object.values(param.examples)[0]) as Json | undefined)?.value : undefined,
    isObject(schema) ? schema.example : undefined,
    isObject(schema) ? schema.default : undefined,
  ];
  const found = candidates.find((c) => c !== undefined && c !== null && (typeof c !== 'object' || Array.isArray(c)));
  return found === undefined ? undefined : typeof found === 'string' ? found : JSON.stringify(found);
}

/**
 * A parameter's or media type's example: its `example`, its first `examples` value, or one built
 * from its schema (placeholders such as `"string"` and `0`); `undefined` when it has none.
 */
export function exampleOf(holder: Json, resolve: RefResolver): unknown {
  if (holder.example !== undefined) return holder.example;
  if (isObject(holder.examples)) {
    const first = resolve(Object.values(holder.examples)[0]);
    if (isObject(first) && first.value !== undefined) return first.value;
  }
  const schema = resolve(holder.schema);
  return isObject(schema) ? exampleFromSchema(schema, resolve, 0) : undefined;
}

function exampleFromSchema(schema: Json, resolve: RefResolver, depth: number): unknown {
  if (depth > 8) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const composite =
    asArray(schema.allOf).length > 0 ? schema.allOf : asArray(schema.oneOf).length > 0 ? schema.oneOf : schema.anyOf;
  if (Array.isArray(composite) && composite.length > 0) {
    if (schema.allOf) {
      const merged: Json = {};
      for (const part of composite) {
        const value = exampleFromSchema(resolve(part) as Json, resolve, depth + 1);
        if (isObject(value)) Object.assign(merged, value);
      }
      return merged;
    }
    const first = resolve(composite[0]);
    return isObject(first) ? exampleFromSchema(first, resolve, depth + 1) : undefined;
  }
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      const props = isObject(schema.properties) ? schema.properties : {};
      for (const [key, prop] of Object.entries(props)) {
        const resolved = resolve(prop);
        if (isObject(resolved)) out[key] = exampleFromSchema(resolved, resolve, depth + 1);
      }
      return out;
    }
    case 'array': {
      const items = resolve(schema.items);
      return isObject(items) ? [exampleFromSchema(items, resolve, depth + 1)] : [];
    }
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return schema.format === 'date-time'
        ? '2026-01-01T00:00:00Z'
        : schema.format === 'date'
          ? '2026-01-01'
          : 'string';
    default:
      return isObject(schema.properties) ? exampleFromSchema({ ...schema, type: 'object' }, resolve, depth) : undefined;
  }
}
