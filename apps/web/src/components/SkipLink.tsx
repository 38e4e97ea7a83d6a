import type { MouseEvent } from 'react';

type SkipLinkProps = { targetId: string; children: string };

/** First focusable element on every page; becomes visible when it receives keyboard focus. */
export function SkipLink({ targetId, children }: SkipLinkProps) {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const target = document.getElementById(targetId);
    if (!target) return;
    // Moving focus ourselves keeps the URL free of a fragment the router would otherwise keep.
    event.preventDefault();
    target.focus();
    target.scrollIntoView();
  }

  return (
    <a className="kern-link skip-link" href={`#${targetId}`} onClick={skip}>
      {children}
    </a>
  );
}
