/** One labelled list of what trusting would allow, as the trust banners show it. */
export function TrustList({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="trust-list">
      <strong>{label}</strong>
      <ul aria-label={label}>
        {items.map((item) => (
          <li key={item}>
            <code>{item}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
