/** A JSON value as a foldable tree: objects and arrays open and close (native details/summary). */
export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const label = name === undefined ? '' : `${JSON.stringify(name)}: `;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-leaf">
        {label}
        <span className={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries: Array<[string | undefined, unknown]> = Array.isArray(value)
    ? value.map((item) => [undefined, item])
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <details className="json-node" open={depth < 2}>
      <summary>
        {label}
        {open}
        <span className="hint">
          {' '}
          {entries.length} {Array.isArray(value) ? 'items' : 'keys'}{' '}
        </span>
        {close}
      </summary>
      <div className="json-children">
        {entries.map(([key, item], index) => (
          <JsonTree key={key ?? index} value={item} {...(key === undefined ? {} : { name: key })} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}
