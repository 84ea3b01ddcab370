import { describe, expect, it } from 'vitest';
import {
  decideExternalLink,
  externalLinkDialog,
  MAX_EXTERNAL_LINK_LENGTH,
  OPEN_LINK_BUTTON,
} from '../../../electron/main/external-links';

// The Electron host's policy for links leaving Shomei, tested in plain Node (Electron's binary is
// not available here): what a hostile page or response could try to make main open.

describe('links that would leave Shomei', () => {
  it('offers an https link for confirmation, naming its host', () => {
    expect(decideExternalLink('https://docs.aws.amazon.com/IAM/latest/UserGuide/?a=1#x')).toEqual({
      action: 'confirm',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/?a=1#x',
      host: 'docs.aws.amazon.com',
    });
  });

  it.each([
    ['http:', 'http://example.com/'],
    ['file:', 'file:///etc/passwd'],
    ['smb:', 'smb://attacker.example/share'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['vscode:', 'vscode://file/etc/passwd'],
    ['a user and password', 'https://user:pass@attacker.example/'],
    ['a relative path', '/relative'],
    ['a link too long to read', `https://example.com/${'a'.repeat(MAX_EXTERNAL_LINK_LENGTH)}`],
  ])('refuses %s without asking', (_label, url) => {
    expect(decideExternalLink(url).action).toBe('refuse');
  });

  it('shows a look-alike international domain in its punycode form', () => {
    // Cyrillic "а" in place of the Latin "a".
    const decision = decideExternalLink('https://\u0430mazonaws.com/console');
    expect(decision).toMatchObject({ action: 'confirm', host: 'xn--mazonaws-06g.com' });
    if (decision.action === 'confirm') expect(externalLinkDialog(decision).message).toContain('xn--mazonaws-06g.com');
  });

  it('passes on the parsed URL, so stray line breaks cannot smuggle a second argument', () => {
    const decision = decideExternalLink('https://example.com/a\n--flag');
    expect(decision).toMatchObject({ action: 'confirm', url: 'https://example.com/a--flag' });
  });

  it('asks with Cancel as the default and the link in full', () => {
    const dialog = externalLinkDialog({ url: 'https://example.com/x', host: 'example.com' });
    expect(dialog.defaultId).toBe(0);
    expect(dialog.cancelId).toBe(0);
    expect(dialog.buttons[OPEN_LINK_BUTTON]).toBe('Open in browser');
    expect(dialog.detail).toContain('https://example.com/x');
  });
});
