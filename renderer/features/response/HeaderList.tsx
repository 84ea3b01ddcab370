/** Name/value rows of a header list, in the order they came. */
export function HeaderList({ headers, label }: { headers: ReadonlyArray<readonly [string, string]>; label: string }) {
  return (
    <table className="header-list" aria-label={label}>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${name}-${index}`}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
