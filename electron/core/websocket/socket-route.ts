import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, isIP, type Socket, type TcpNetConnectOpts } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { ClientOptions } from 'ws';

type Connector = NonNullable<ClientOptions['createConnection']>;
type Created = (error: Error | null, socket?: Socket) => void;

/**
 * How a WebSocket reaches its server when it does not go straight to the URL's host: at a
 * connect-to address (`host:port`), through an HTTP(S) proxy (`CONNECT`, to the connect-to address
 * when there is one), or both. As for a send, the Host header, the TLS server name and the
 * certificate check stay the URL's, so only a server that holds the URL host's certificate gets a
 * wss:// handshake. `undefined` when neither is set.
 */
export function socketRoute(
  url: string,
  options: { connectTo?: string | undefined; proxyUrl?: string | undefined },
): Connector | undefined {
  const { connectTo, proxyUrl } = options;
  if (!connectTo && !proxyUrl) return undefined;
  const target = new URL(url);
  const isSecure = target.protocol === 'wss:';
  const urlHost = target.hostname.replace(/^\[|\]$/g, '');
  const at = connectTo ? hostPortOf(connectTo) : { host: urlHost, port: Number(target.port || (isSecure ? 443 : 80)) };
  /** The socket to the server made the URL's: TLS named and checked for the URL's host over `raw`, or `raw` itself. */
  const asUrlHost = (tcpOptions: TcpNetConnectOpts & ConnectionOptions, raw?: Socket): Socket => {
    if (!isSecure)
      return raw ?? netConnect({ ...tcpOptions, host: at.host, port: at.port, path: undefined } as TcpNetConnectOpts);
    return tlsConnect({
      ...tcpOptions,
      ...(raw ? { socket: raw } : { host: at.host, port: at.port }),
      path: undefined,
      servername: isIP(urlHost) ? '' : urlHost,
      checkServerIdentity: (_host, cert) => checkServerIdentity(urlHost, cert),
    } as ConnectionOptions);
  };
  if (!proxyUrl)
    return ((tcpOptions: TcpNetConnectOpts & ConnectionOptions) => asUrlHost(tcpOptions)) as unknown as Connector;
  const proxy = new URL(proxyUrl);
  const authority = at.host.includes(':') ? `[${at.host}]:${at.port}` : `${at.host}:${at.port}`;
  const credentials = proxy.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
    : undefined;
  const tunnel = (tcpOptions: TcpNetConnectOpts & ConnectionOptions, created: Created): undefined => {
    const ask = (proxy.protocol === 'https:' ? httpsRequest : httpRequest)({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(credentials ? { 'proxy-authorization': credentials } : {}) },
      ...(tcpOptions.ca ? { ca: tcpOptions.ca } : {}),
      rejectUnauthorized: tcpOptions.rejectUnauthorized !== false,
      timeout: tcpOptions.timeout,
    });
    ask.once('connect', (response: IncomingMessage, raw: Socket) => {
      if (response.statusCode !== 200) {
        raw.destroy();
        return created(
          new Error(`the proxy ${proxy.host} refused the tunnel to ${authority} (HTTP ${response.statusCode ?? 0})`),
        );
      }
      created(null, asUrlHost(tcpOptions, raw));
    });
    ask.once('timeout', () => ask.destroy(new Error(`the proxy ${proxy.host} did not open the tunnel in time`)));
    ask.once('error', (error) => created(new Error(`the proxy ${proxy.host} could not be reached (${error.message})`)));
    ask.end();
    return undefined;
  };
  return tunnel as unknown as Connector;
}

/** `host:port` (IPv6 in brackets) as its parts. */
function hostPortOf(address: string): { host: string; port: number } {
  const at = /^\[?(.*?)\]?:(\d+)$/.exec(address.trim());
  return { host: at?.[1] ?? address, port: Number(at?.[2]) };
}
