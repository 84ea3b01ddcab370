// amazon-cognito-identity-js ships no types for its BigInteger, which its AuthenticationHelper takes.
declare module 'amazon-cognito-identity-js/lib/BigInteger.js' {
  export default class BigInteger {
    constructor(value: string, radix: number);
    toString(radix: number): string;
  }
}
