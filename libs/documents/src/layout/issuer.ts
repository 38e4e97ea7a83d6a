/** Input types shared by every document: who issues it and where they are. */

export interface PostalAddress {
  /** Street and number, e.g. `Carl-Schurz-Straße 2/6`. */
  street: string;
  postalCode: string;
  city: string;
}

/** The district office that issues a document; its name is also the PDF's author. */
export interface IssuingOffice {
  /** `Bezirksamt Spandau von Berlin` */
  district: string;
  /** `Stadtentwicklungsamt` */
  office: string;
  /** A unit within the office, e.g. `Fachbereich Stadtplanung, Sozialer Zusammenhalt`. */
  unit?: string;
  address: PostalAddress;
  contact: {
    /** The person handling the matter (`Bearbeiter:in`). */
    name: string;
    phone?: string;
    email?: string;
  };
}

/** Who signs: name and function, e.g. `Leitung Stadtentwicklungsamt`. */
export interface Signatory {
  name: string;
  role: string;
}

export function addressLine(address: PostalAddress): string {
  return `${address.street}, ${address.postalCode} ${address.city}`;
}
