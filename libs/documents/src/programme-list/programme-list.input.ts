import type { Locale, Money } from '@kiezfonds/domain';
import type { IssuingOffice, Signatory } from '../layout/issuer';

export type ProgrammeListStatus = 'selected' | 'waitlisted';

export interface ProgrammeListEntry {
  /** 1 for the highest priority. */
  rank: number;
  title: string;
  carrier: string;
  /** The application's number, e.g. `NWF-2026-0007`. */
  reference?: string;
  requestedAmount: Money;
  /** The amount planned; may be less than requested, with a reason. */
  amount: Money;
  status: ProgrammeListStatus;
  /** Why the planned amount differs from the requested one. */
  adjustmentReason?: string;
}

/** The district's ranked priority list for one fund and programme year, sent to the Senate. */
export interface ProgrammeListInput {
  locale: Locale;
  draft?: boolean;
  issuer: IssuingOffice;
  /** `Netzwerkfonds` */
  fund: string;
  programmeYear: number;
  /** The budget the Senate announced for the district. */
  budget: Money;
  /** What the list rests on, e.g. "Beschluss der AG Stabile Kieze vom 03.12.2026". */
  basis?: string;
  entries: readonly ProgrammeListEntry[];
  /** The date of the list (ISO); also the PDF's creation date. */
  preparedOn: string;
  signatory?: Signatory;
}
