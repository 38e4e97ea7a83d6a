import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One person who legally represents a carrier, and their function (e.g. "Vorstandsvorsitzende"). */
export interface LegalRepresentative {
  name: string;
  role: string;
}

/** A carrier (Projektträger). Berlin-wide: it may apply in any district, so it has no district. */
@Entity({ name: 'organisation' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ type: 'text' })
  name: string;

  /** e.g. "e.V.", "gGmbH", "gUG (haftungsbeschränkt)". */
  @Column({ name: 'legal_form', type: 'text' })
  legalForm: string;

  @Column({ type: 'text' })
  street: string;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Column({ type: 'text', default: 'Berlin' })
  city: string;

  /**
   * The legal representatives (Vorstand of an e.V., Geschäftsführung of a gGmbH), in the order the
   * carrier gave them. A JSON array; empty only for organisations registered before it was asked for.
   */
  @Column({ name: 'legal_representatives', type: 'jsonb', default: () => "'[]'" })
  legalRepresentatives: LegalRepresentative[];

  /** The Senate's finance registration number; unknown until the carrier provides it. */
  @Column({ name: 'finance_registration_number', type: 'text', nullable: true })
  financeRegistrationNumber: string | null;

  /** Whether the carrier may deduct input tax: if so, its costs count net, otherwise gross. */
  @Column({ name: 'vat_deductible', type: 'boolean', default: false })
  vatDeductible: boolean;

  /** Without spaces, upper case. */
  @Column({ type: 'text', nullable: true })
  iban: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;
}
