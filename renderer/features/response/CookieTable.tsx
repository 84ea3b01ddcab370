import type { cookiesOf } from './response-text';

/** The cookies a response set: name, value and attributes as written. */
export function CookieTable({ cookies }: { cookies: ReturnType<typeof cookiesOf> }) {
  return (
    <table className="header-list" aria-label="Cookies">
      <tbody>
        {cookies.map((cookie, index) => (
          <tr key={`${cookie.name}-${index}`}>
            <th scope="row">{cookie.name}</th>
            <td>{cookie.value}</td>
            <td className="hint">{cookie.attributes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
