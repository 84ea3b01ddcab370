// One Insomnia `request` resource, and the header rows of a request or folder, as Shomei reads them.
import type { SavedRequest } from '../../../shared/contract/collections';
import type { KeyValueRow } from '../../../shared/contract/http';
import { splitQuery } from '../collections/url-query';
import { dropsImportedHeader, type ImportContext } from './io-types';
import { readInsomniaAuth } from './insomnia-auth';
import { readInsomniaBody } from './insomnia-body';
import { convertInsomniaTemplate, noteTemplateTags } from './insomnia-template';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/**
 * A `request` resource as a request: URL (its query moved to params), parameters, headers, body and
 * auth with `{{ _.name }}` made `{{name}}`, description, and the redirect setting when it is on or off.
 */
export function readInsomniaRequest(resource: Json, name: string, path: string, context: ImportContext): SavedRequest {
  const [base, inlineQuery] = splitQuery(convertInsomniaTemplate(asString(resource.url)));
  const params: KeyValueRow[] = [
    ...inlineQuery,
    ...asArray(resource.parameters).flatMap((p) =>
      isObject(p)
        ? [
            {
              name: convertInsomniaTemplate(asString(p.name)),
              value: convertInsomniaTemplate(asString(p.value)),
              isEnabled: p.disabled !== true,
            },
          ]
        : [],
    ),
  ];
  noteTemplateTags(resource, path, context);
  const request: SavedRequest = {
    kind: 'request',
    id: context.newId(),
    name,
    method: (asString(resource.method) || 'GET').toUpperCase(),
    url: base,
    params,
    headers: readInsomniaHeaders(resource.headers, path, context),
    body: readInsomniaBody(resource.body, path, context),
    auth: readInsomniaAuth(resource.authentication, path, context),
  };
  const description = asString(resource.description);
  if (description !== '') request.description = description.slice(0, 64 * 1024);
  // `global` (or absent) follows the app's setting, as a request without options follows Shomei's defaults.
  const followRedirects = resource.settingFollowRedirects;
  if (followRedirects === 'on' || followRedirects === 'off')
    request.options = { isFollowingRedirects: followRedirects === 'on' };
  return request;
}

/** Header rows (templates converted, credential headers dropped with a report line, nameless ones skipped). */
export function readInsomniaHeaders(headers: unknown, path: string, context: ImportContext): KeyValueRow[] {
  const out: KeyValueRow[] = [];
  for (const h of asArray(headers)) {
    if (!isObject(h)) continue;
    const name = asString(h.name).trim();
    if (name === '') continue;
    if (dropsImportedHeader(context, path, name, h.value)) continue;
    out.push({ name, value: convertInsomniaTemplate(asString(h.value)), isEnabled: h.disabled !== true });
  }
  return out;
}
