import type { IssuingOffice } from '@kiezfonds/documents';
import type { DataSource, EntityManager } from 'typeorm';

/** The district office that issues the committee's documents, with the person to contact. */
export async function issuingOffice(
  db: DataSource | EntityManager,
  districtId: string,
  contactUserId: string,
): Promise<IssuingOffice & { districtName: string }> {
  const [r] = (await db.query(
    `SELECT d.name, d.office_name, d.office_unit, d.office_street, d.office_postal_code, d.office_city,
            d.office_email, u.display_name AS contact
       FROM district d, app_user u WHERE d.id = $1 AND u.id = $2`,
    [districtId, contactUserId],
  )) as Record<string, string | null>[];
  return {
    districtName: r!.name!,
    district: `Bezirksamt ${r!.name} von Berlin`,
    office: r!.office_name!,
    unit: r!.office_unit ?? undefined,
    address: {
      street: r!.office_street ?? '',
      postalCode: r!.office_postal_code ?? '',
      city: r!.office_city!,
    },
    contact: { name: r!.contact!, email: r!.office_email ?? undefined },
  };
}
