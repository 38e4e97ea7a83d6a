import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';

type TextLinkProps = { to: string; children: ReactNode };

/** Link to a page of this app, styled as KERN link. */
export function TextLink({ to, children }: TextLinkProps) {
  return (
    <Link className="kern-link" to={to}>
      {children}
    </Link>
  );
}

/** Navigation entry; React Router sets `aria-current="page"` on the active one. */
export function NavTextLink({ to, children }: TextLinkProps) {
  return (
    <NavLink className="kern-link kern-link--no-visited-state" to={to} end>
      {children}
    </NavLink>
  );
}

type ExternalLinkProps = { href: string; children: ReactNode };

/** Link leaving the app (other websites, `mailto:`); opens in the same tab, as users expect. */
export function ExternalLink({ href, children }: ExternalLinkProps) {
  return (
    <a className="kern-link" href={href}>
      {children}
    </a>
  );
}
