/** A valid self-registration of a carrier organisation (`POST /api/registrations`). */
export function registrationRequest(options: { email: string; organisationName: string; password: string }) {
  return {
    organisation: {
      name: options.organisationName,
      legalForm: 'e. V.',
      street: 'Heerstraße 400',
      postalCode: '13593',
      city: 'Berlin',
      legalRepresentatives: [{ name: 'Hanna Vogt', role: 'Vorstandsvorsitzende' }],
      vatDeductible: false,
      iban: 'de89 3704 0044 0532 0130 00',
    },
    user: { email: options.email, displayName: 'Hanna Vogt', language: 'de', password: options.password },
  };
}
