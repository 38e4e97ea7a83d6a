/** KERN's spinner with a text that screen readers announce; the spinner itself is decorative. */
export function Loader({ label }: { label: string }) {
  return (
    <div className="loader" role="status">
      <span className="kern-loader kern-loader--visible loader__spinner" aria-hidden="true" />
      <span className="kern-body">{label}</span>
    </div>
  );
}
