interface Props {
  message: string | null | undefined;
  id?: string;
}

/** An inline error that screen readers announce. */
export function ErrorNote({ message, id }: Props) {
  if (!message) return null;
  return (
    <p className="error-note" role="alert" id={id}>
      {message}
    </p>
  );
}
