// @usebruno/lang ships no types; these are the readers the Bruno importer uses.
declare module '@usebruno/lang' {
  /** Parses a request `.bru` file into Bruno's JSON form. Throws on text it cannot read. */
  export function bruToJsonV2(text: string): Record<string, unknown>;
  /** Parses an environment `.bru` file (`vars { … }`, `vars:secret [ … ]`). */
  export function bruToEnvJsonV2(text: string): Record<string, unknown>;
  /** Parses a `collection.bru` or `folder.bru` file (headers, auth, vars, scripts, tests, docs; `meta` in a folder). */
  export function collectionBruToJson(text: string): Record<string, unknown>;
  /** Removes two leading spaces from each line and joins the lines with `\n`: what a text block's content becomes. */
  export function outdentString(text: string): string;
  const lang: {
    bruToJsonV2: typeof bruToJsonV2;
    bruToEnvJsonV2: typeof bruToEnvJsonV2;
    collectionBruToJson: typeof collectionBruToJson;
    outdentString: typeof outdentString;
  };
  export default lang;
}
