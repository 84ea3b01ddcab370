// Plain Node, no `electron` import: the main process's policy for links that would leave Shomei,
// kept here so it can be tested without Electron. electron/main/index.ts shows the dialog.

/** What main does with a link the window asks to open outside Shomei. */
export type ExternalLinkDecision =
  { action: 'confirm'; url: string; host: string } | { action: 'refuse'; reason: string };

/** Longer links are refused: nobody reads them in a dialog. */
export const MAX_EXTERNAL_LINK_LENGTH = 2048;

/**
 * Security: whether a link may be offered to the user for the system browser. Only `https:`
 * links without a user name or password, up to 2,048 characters, are offered, and only after the
 * user confirms in a dialog that names the host in its ASCII (punycode) form, so a look-alike
 * international domain shows as `xn--…`. Everything else — `http:`, `file:`, `smb:`,
 * `javascript:`, `data:`, custom protocol handlers — is refused without asking. Never opens anything.
 */
export function decideExternalLink(raw: string): ExternalLinkDecision {
  if (raw.length > MAX_EXTERNAL_LINK_LENGTH) return { action: 'refuse', reason: 'the link is too long to show' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { action: 'refuse', reason: 'it is not a URL' };
  }
  if (url.protocol !== 'https:') return { action: 'refuse', reason: `${url.protocol} links are not opened` };
  if (url.username !== '' || url.password !== '')
    return { action: 'refuse', reason: 'links with a user name or password are not opened' };
  if (url.hostname === '') return { action: 'refuse', reason: 'the link has no host' };
  return { action: 'confirm', url: url.href, host: url.host };
}

/** The confirmation dialog for a link `decideExternalLink` offered: Cancel is the default. */
export function externalLinkDialog(link: { url: string; host: string }) {
  return {
    type: 'question' as const,
    title: 'Open link',
    message: `Open ${link.host} in your browser?`,
    detail: `${link.url}\n\nThe link came from the Shomei window. Open it only if you expected it.`,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** The dialog's button that opens the link. */
export const OPEN_LINK_BUTTON = 1;
