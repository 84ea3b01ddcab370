// @usebruno/lang ships no types; these are the two readers the Bruno importer uses.
declare module '@usebruno/lang' {
  /** Parses a request `.bru` file into Bruno's JSON form. Throws on text it cannot read. */
  export function bruToJsonV2(text: string): Record<string, unknown>;
  /** Parses an environment `.bru` file (`vars { … }`, `vars:secret [ … ]`). */
  export function bruToEnvJsonV2(text: string): Record<string, unknown>;
  const lang: { bruToJsonV2: typeof bruToJsonV2; bruToEnvJsonV2: typeof bruToEnvJsonV2 };
  export default lang;
}
