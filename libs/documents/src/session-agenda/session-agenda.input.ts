import type { Locale, Money } from '@kiezfonds/domain';
import type { IssuingOffice, Signatory } from '../layout/issuer';

/** An application on the agenda. */
export interface AgendaApplication {
  title: string;
  carrier: string;
  requestedAmount: Money;
  /** QM areas, Aktionsräume or Bezirksregionen the project covers. */
  areas: readonly string[];
  /** The application's number, e.g. `NWF-2026-0007`. */
  reference?: string;
}

/** The invitation to a committee session with its agenda. */
export interface SessionAgendaInput {
  locale: Locale;
  draft?: boolean;
  issuer: IssuingOffice;
  /** `AG Stabile Kieze` */
  committee: string;
  session: {
    /** e.g. `4. Sitzung 2026` */
    title?: string;
    /** ISO timestamp. */
    startsAt: string;
    /** ISO timestamp: the expected end. */
    endsAt?: string;
    place: string;
  };
  /** The date of the invitation (ISO); also the PDF's creation date. */
  invitedOn: string;
  /** Applications to be decided, in agenda order. */
  applications: readonly AgendaApplication[];
  /** Items after the applications, e.g. `Verschiedenes`. */
  otherItems?: readonly string[];
  signatory: Signatory;
}
