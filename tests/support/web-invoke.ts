import type { RunningWeb } from './app-fixture';

/** Calls a channel of a running browser-mode server the way the page does (token, JSON), for test setup. */
export async function invokeWeb(
  web: RunningWeb,
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(`${web.origin}/api/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${web.token}` },
    body: JSON.stringify({ input }),
  });
  if (!response.ok) throw new Error(`${channel} answered ${response.status}`);
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}
