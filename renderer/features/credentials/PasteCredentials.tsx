import { useState } from 'react';
import { parsePastedCredentials, type PastedCredentials } from '../../../shared/credentials/parse-pasted-credentials';

/**
 * A box that reads whatever people paste — `aws sts assume-role` JSON, every `aws configure
 * export-credentials` format, access-portal snippets, INI blocks, bare lines — and hands over the
 * keys. It reads in place (the text is the user's own, already here); nothing half-read is used.
 */
export function PasteCredentials({
  onParsed,
  label = 'Paste credentials',
}: {
  onParsed(value: PastedCredentials, text: string): void;
  label?: string;
}) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const read = (value: string) => {
    setText(value);
    if (value.trim() === '') return setMessage(undefined);
    const result = parsePastedCredentials(value);
    if (!result.ok) return setMessage({ ok: false, text: result.message });
    const parts = [
      `Read ${result.value.format} output`,
      result.value.sessionToken ? 'with a session token' : 'long-term keys',
    ];
    if (result.value.accountId) parts.push(`account ${result.value.accountId}`);
    setMessage({ ok: true, text: `${parts.join(', ')}.` });
    onParsed(result.value, value);
    // The box empties itself: the secret is now only in the fields it filled.
    setText('');
  };
  return (
    <div className="paste-box">
      <textarea
        aria-label={label}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder="Paste the output of aws sts assume-role, aws configure export-credentials, your access portal snippet, or key / secret / token lines"
        value={text}
        onChange={(event) => read(event.target.value)}
      />
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'hint' : 'warning'}
          data-testid="paste-result"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
