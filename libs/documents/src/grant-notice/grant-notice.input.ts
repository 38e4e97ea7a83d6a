import type { Locale, Money } from '@kiezfonds/domain';
import type { IssuingOffice, PostalAddress, Signatory } from '../layout/issuer';

/** The carrier that receives the grant, as the notice addresses it. */
export interface GrantRecipient {
  name: string;
  address: PostalAddress;
  /** Who legally represents the carrier, e.g. `{ name: 'Ayşe Demir', role: 'Vorstand' }`. */
  legalRepresentatives: ReadonlyArray<{ name: string; role?: string }>;
}

export interface GrantInstalment {
  /** The cash year (Kassenjahr) in which the money may be paid. */
  cashYear: number;
  amount: Money;
  /**
   * Months within which this cash year's money must be spent once paid (DOMAIN.md: normally 2;
   * 3 or 4 for small grants with small yearly instalments), as the payments apply it.
   */
  promptUseMonths: number;
}

export interface GrantReportDeadlines {
  /** Interim narrative reports (Sachberichte), each with what it covers, e.g. `2027`. */
  interim: ReadonlyArray<{ covers: string; due: string }>;
  /** The proof of use (Verwendungsnachweis): ISO date. */
  proofOfUse: string;
}

/**
 * The committee's decision the grant rests on, as the notice cites it: the vote in writing
 * (Umlaufverfahren) or in a session, with its id, and the finalised programme plan.
 */
export interface GrantDecision {
  committee: string;
  procedure: 'written' | 'roll_call';
  /** The decision's id (the committee vote). */
  id: string;
  /** The day it was decided: a written vote's closing day. ISO date. */
  decidedOn: string;
  /** For a decision in a session: its title and day (ISO). */
  session?: { title: string; date: string };
  /** The day the programme plan that sent the application to the Senate was finalised (ISO). */
  programmePlanFinalisedOn?: string;
}

/** Everything a Zuwendungsbescheid states. Dates are ISO calendar dates (`2026-11-22`). */
export interface GrantNoticeInput {
  locale: Locale;
  /** The coordinator's preview: every page is marked "ENTWURF / DRAFT". */
  draft?: boolean;
  issuer: IssuingOffice;
  recipient: GrantRecipient;
  /** The office's file reference (Geschäftszeichen). */
  fileReference: string;
  /** The date of the notice; also the PDF's creation date. */
  issuedOn: string;
  /** The date of the application the notice answers. */
  applicationDate?: string;
  /** The committee's decision the notice rests on; notices issued before it was recorded may lack it. */
  decision?: GrantDecision;
  /** `Netzwerkfonds` */
  fund: string;
  /** Defaults to `Sozialer Zusammenhalt`. */
  programme?: string;
  /** Defaults to "Projektförderung als Fehlbedarfsfinanzierung" (in the notice's language). */
  fundingType?: string;
  project: {
    title: string;
    /** The application's number, e.g. `NWF-2026-0007`. */
    reference?: string;
  };
  /** The granted amount; the instalments must add up to it. */
  amount: Money;
  /** The funding period (Bewilligungszeitraum). */
  period: { start: string; end: string };
  programmeYear: number;
  instalments: readonly GrantInstalment[];
  reports: GrantReportDeadlines;
  /** Conditions beyond ANBest-P (Nebenbestimmungen), one sentence or paragraph each. */
  conditions: readonly string[];
  signatory: Signatory;
}
