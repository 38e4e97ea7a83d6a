type KopfzeileProps = { children: string };

/**
 * KERN's "Kopfzeile": the thin bar that identifies an official government website. The markup
 * variant (not the `<kern-kopfzeile>` web component) is used because the component adds its own
 * `role="banner"`, which would duplicate the page header landmark.
 */
export function Kopfzeile({ children }: KopfzeileProps) {
  return (
    <div className="kern-kopfzeile">
      <div className="kern-container">
        <div className="kern-kopfzeile__content">
          <span className="kern-kopfzeile__flagge" aria-hidden="true">
            <BerlinFlag />
          </span>
          <span className="kern-kopfzeile__label">{children}</span>
        </div>
      </div>
    </div>
  );
}

function BerlinFlag() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 16" focusable="false">
      <path fill="#fff" d="M0 0h24v16H0z" />
      <path fill="#e2001a" d="M0 0h24v3.2H0zM0 12.8h24V16H0z" />
      <circle cx="12" cy="8" r="2.4" fill="#131525" />
    </svg>
  );
}
