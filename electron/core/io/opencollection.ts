import { parseImportYaml } from './import-yaml';
import { asArray, asString, isObject, type Json } from './untrusted-json';

/** True for the root file of a Bruno OpenCollection folder (`opencollection: "1.0.0"`). */
export function isOpenCollectionRoot(path: string, text: string): boolean {
  return /(^|\/)opencollection\.ya?ml$/.test(path) && /^opencollection\s*:/m.test(text);
}

/**
 * An OpenCollection request file (YAML: `info`, `http` with method, url, params, headers, body
 * and auth) in the JSON form `@usebruno/lang` gives a `.bru` file, so both go through one reader
 * and one report. Returns undefined for a file that is not a request (`folder.yml`, an
 * environment). Throws the YAML parser's error on invalid YAML.
 */
export function openCollectionRequestToBru(text: string): Json | undefined {
  const doc = parseImportYaml(text);
  if (!isObject(doc) || !isObject(doc.info)) return undefined;
  const info = doc.info;
  const http = isObject(doc.http) ? doc.http : undefined;
  if (!http) return { meta: { name: info.name, type: info.type, seq: info.seq } };
  const rawBody = isObject(http.body) ? http.body : Array.isArray(http.body) ? selectedBody(http.body) : {};
  const mode = asString(rawBody.mode ?? rawBody.type);
  const auth = isObject(http.auth) ? http.auth : undefined;
  const authMode = typeof http.auth === 'string' ? http.auth : auth ? asString(auth.type) : 'none';
  const enabled = (row: Json) => row.enabled !== false && row.disabled !== true;
  return {
    meta: { name: info.name, type: 'http', seq: info.seq },
    http: { method: http.method, url: http.url, body: toBruBodyMode(mode), auth: authMode },
    params: asArray(http.params)
      .filter(isObject)
      .map((p) => ({ name: p.name, value: p.value, type: p.type ?? 'query', enabled: enabled(p) })),
    headers: asArray(http.headers)
      .filter(isObject)
      .map((h) => ({ name: h.name, value: h.value, enabled: enabled(h) })),
    body: { [toBruBodyMode(mode)]: rawBody[mode] ?? rawBody.data },
    auth: auth && authMode === 'awsv4' ? { awsv4: auth } : {},
    script: isObject(doc.runtime) && isObject(doc.runtime.scripts) ? doc.runtime.scripts : doc.scripts,
    docs: asString(isObject(doc.docs) ? doc.docs.content : doc.docs),
    settings: doc.settings,
  };
}

/** The name, and the collection-level headers, of an `opencollection.yml`. */
export function readOpenCollectionRoot(text: string): { name: string; headers: Json[] } {
  const doc = parseImportYaml(text);
  const root = isObject(doc) ? doc : {};
  const info = isObject(root.info) ? root.info : {};
  const request = isObject(root.request) ? root.request : {};
  return { name: asString(info.name).trim(), headers: asArray(request.headers).filter(isObject) };
}

/** The folder name a `folder.yml` gives, or ''. */
export function readOpenCollectionFolderName(text: string): string {
  const doc = parseImportYaml(text);
  return isObject(doc) && isObject(doc.info) ? asString(doc.info.name).trim() : '';
}

function selectedBody(bodies: unknown[]): Json {
  const list = bodies.filter(isObject);
  const chosen = list.find((b) => b.selected === true) ?? list[0];
  return chosen && isObject(chosen.body) ? chosen.body : {};
}

function toBruBodyMode(mode: string): string {
  if (mode === 'form-urlencoded') return 'formUrlEncoded';
  if (mode === 'multipart-form') return 'multipartForm';
  return mode === '' ? 'none' : mode;
}
