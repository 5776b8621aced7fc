export function HeadersTable({ headers, label }: { headers: Array<[string, string]>; label: string }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="headers-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={`${name}-${i}`}>
            <th scope="row">{name}</th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
