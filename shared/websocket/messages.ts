import type { OutgoingMessage } from '../contract/websocket';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Why a message cannot be sent as its format says, or `undefined` when it can. JSON must parse;
 * binary must be whole base64 (padding included) or an even run of hex digits; whitespace between
 * them is allowed. Read by the message box (so nothing typed is lost) and by main again.
 */
export function messageProblem(message: OutgoingMessage): string | undefined {
  if (message.format === 'json') {
    try {
      JSON.parse(message.text);
      return undefined;
    } catch (error) {
      return `Not sent: the message is not valid JSON (${error instanceof Error ? error.message : 'it does not parse'}). Fix it, or send it as Text.`;
    }
  }
  if (message.format === 'binary') {
    const digits = message.text.replace(/\s+/g, '');
    if ((message.binaryEncoding ?? 'base64') === 'hex') {
      return HEX.test(digits)
        ? undefined
        : 'Not sent: binary in hex is pairs of the digits 0-9 and a-f (for example 48 69); this message has something else or an odd count.';
    }
    return BASE64.test(digits)
      ? undefined
      : 'Not sent: binary in base64 is groups of four characters of A-Z, a-z, 0-9, + and /, padded with = (for example SGk=); this message is not.';
  }
  return undefined;
}

/** The text pretty-printed when it is JSON (2 spaces), otherwise `undefined`. */
export function prettyJson(text: string): string | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

const CLOSE_CODES: Record<number, string> = {
  1000: 'Normal closure: the connection did what it was for and was closed on purpose.',
  1001: 'Going away: the server is shutting down or the client left. API Gateway closes an idle connection after 10 minutes and any connection after 2 hours with this code; its backend then gets 410 GoneException when it posts to the connection.',
  1002: 'Protocol error: one side sent something the WebSocket protocol does not allow.',
  1003: 'Unsupported data: the endpoint cannot take this kind of message (text where it wants binary, or the other way).',
  1005: 'No status: the close frame carried no code.',
  1006: 'Abnormal closure: the connection dropped without a close frame (network failure, a proxy or the server cut it).',
  1007: 'Invalid payload: a text message was not valid UTF-8, or a message did not match what the endpoint expects.',
  1008: 'Policy violation: the server refused something this connection did (API Gateway: an authorizer or route denied it).',
  1009: 'Message too big: the message is larger than the endpoint accepts (API Gateway takes at most 128 KB, in 32 KB frames).',
  1010: 'Missing extension: the client needed an extension the server did not offer.',
  1011: 'Internal error: the server hit an unexpected condition (API Gateway: the integration failed or timed out).',
  1012: 'Service restart: the server is restarting; connect again later.',
  1013: 'Try again later: the server is overloaded or throttling.',
  1014: 'Bad gateway: a gateway got an invalid answer from the server behind it.',
  1015: 'TLS handshake failed: the server’s certificate could not be verified.',
};

/** What a close code means, in words (4000-4999 are the application's own). */
export function explainCloseCode(code: number): string {
  const known = CLOSE_CODES[code];
  if (known) return known;
  if (code >= 4000 && code <= 4999) return `Application code ${code}: the server’s own meaning; its reason says more.`;
  if (code >= 3000 && code <= 3999) return `Registered code ${code}: defined by a library or framework.`;
  return `Close code ${code}.`;
}

/** What an HTTP answer to a WebSocket handshake means (anything but 101 is a refusal). */
export function explainHandshakeStatus(status: number): string {
  if (status === 403)
    return '403 Forbidden: the server refused the handshake. For API Gateway this is a signature or authorization problem: the signature does not match (wrong region or service, execute-api), the credentials are not allowed to execute-api:Connect on this route, or an authorizer said no. The server’s body says which.';
  if (status === 401)
    return '401 Unauthorized: the handshake carried no credentials the server accepts (a missing or wrong token, API key or signature).';
  if (status === 404) return '404 Not Found: no WebSocket API or stage at this URL (check the stage name in the path).';
  if (status === 410) return '410 Gone: the connection no longer exists (API Gateway’s GoneException).';
  if (status === 429) return '429 Too Many Requests: the server is throttling new connections; wait and connect again.';
  if (status >= 500)
    return `${status}: the server failed to accept the connection (an error on its side or in its $connect integration).`;
  if (status === 200 || (status >= 300 && status < 400))
    return `${status}: the server answered as plain HTTP and did not switch to WebSocket (is this a WebSocket URL?).`;
  return `${status}: the server refused the handshake.`;
}
