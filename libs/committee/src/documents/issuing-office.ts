import type { IssuingOffice } from '@kiezfonds/documents';
import type { DataSource, EntityManager } from 'typeorm';

/** The district office's columns (table alias `d`) that `officeOf` needs. */
export const OFFICE_COLUMNS = `d.name AS district, d.office_name, d.office_unit, d.office_street,
  d.office_postal_code, d.office_city, d.office_email`;

/** The district office that issues the committee's documents, from a row with `OFFICE_COLUMNS`. */
export function officeOf(row: Record<string, unknown>, contactName: string): IssuingOffice {
  const text = (name: string) => (row[name] as string | null) ?? undefined;
  return {
    district: `Bezirksamt ${row.district as string} von Berlin`,
    office: row.office_name as string,
    unit: text('office_unit'),
    address: {
      street: text('office_street') ?? '',
      postalCode: text('office_postal_code') ?? '',
      city: row.office_city as string,
    },
    contact: { name: contactName, email: text('office_email') },
  };
}

/** The issuing office of a district, with the given user as the person to contact. */
export async function issuingOffice(
  db: DataSource | EntityManager,
  districtId: string,
  contactUserId: string,
): Promise<IssuingOffice & { districtName: string }> {
  const [row] = (await db.query(
    `SELECT ${OFFICE_COLUMNS}, u.display_name AS contact FROM district d, app_user u WHERE d.id = $1 AND u.id = $2`,
    [districtId, contactUserId],
  )) as Record<string, unknown>[];
  return { ...officeOf(row!, row!.contact as string), districtName: row!.district as string };
}
