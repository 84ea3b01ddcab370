import type { AppError } from '../../../shared/errors';

interface Problem {
  name?: string;
  message?: string;
  location: string;
  from?: { kind: string; name: string };
}

const PLACES: Array<[RegExp, string]> = [
  [/^url$/, 'URL'],
  [/^params\[(\d+)\]\.(name|value)$/, 'Params row $1 ($2)'],
  [/^headers\[(\d+)\]\.(name|value)$/, 'Headers row $1 ($2)'],
  [/^body\.text$/, 'Body'],
  [/^body\.(rows|parts)\[(\d+)\]\.(\w+)$/, 'Body row $2 ($3)'],
  [/^body\.filePath$/, 'Body file'],
  [/^auth\.(\w+)(\.\w+)?$/, 'Auth $1'],
];

function place(problem: Problem): string {
  let text = problem.location;
  for (const [pattern, label] of PLACES) {
    if (pattern.test(text)) {
      text = text.replace(pattern, (...groups: string[]) =>
        label.replace(/\$(\d)/g, (_m, n: string) =>
          /^\d+$/.test(groups[Number(n)] ?? '') ? String(Number(groups[Number(n)]) + 1) : (groups[Number(n)] ?? ''),
        ),
      );
      break;
    }
  }
  return problem.from ? `${text}, inherited from ${problem.from.kind} “${problem.from.name}”` : text;
}

function problemsOf(error: AppError | undefined): { unresolved: Problem[]; invalid: Problem[] } | undefined {
  const details = error?.details as { unresolved?: unknown; invalid?: unknown } | undefined;
  if (!details || (!Array.isArray(details.unresolved) && !Array.isArray(details.invalid))) return undefined;
  const list = (value: unknown): Problem[] =>
    Array.isArray(value)
      ? value.filter(
          (p): p is Problem => typeof p === 'object' && p !== null && typeof (p as Problem).location === 'string',
        )
      : [];
  return { unresolved: list(details.unresolved), invalid: list(details.invalid) };
}

/** Lists each unresolved `{{variable}}` and each refused value with where it is, so the user can fix it before sending. */
export function SendProblems({ error }: { error: AppError | undefined }) {
  const problems = problemsOf(error);
  if (!problems || problems.unresolved.length + problems.invalid.length === 0) return null;
  return (
    <section className="problems" aria-label="Problems to fix before sending">
      <strong>Fix before sending:</strong>
      <ul>
        {problems.unresolved.map((p, i) => (
          <li key={`u${i}`}>
            <code>{`{{${p.name ?? ''}}}`}</code> has no value — {place(p)}
          </li>
        ))}
        {problems.invalid.map((p, i) => (
          <li key={`i${i}`}>
            {p.message} — {place(p)}
          </li>
        ))}
      </ul>
    </section>
  );
}
