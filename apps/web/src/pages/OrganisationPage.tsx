import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { getOrganisation, type Organisation, updateOrganisation } from '../api/identity';
import { Alert } from '../components/Alert';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { DescriptionList } from '../components/DescriptionList';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { useFormErrors } from '../components/form/useFormErrors';
import { InviteForm, useRoleOptions } from '../components/InviteForm';
import { Loader } from '../components/Loader';
import { LoadError } from '../components/LoadError';
import {
  OrganisationFields,
  organisationFieldSpecs,
  organisationPayload,
  organisationProblems,
  organisationValues,
  type OrganisationValues,
} from '../components/OrganisationFields';
import { Page } from '../components/Page';
import { TextLink } from '../components/TextLink';
import { useApiData } from '../hooks/useApiData';
import { currentLanguage } from '../i18n';
import { formatDate } from '../i18n/format';
import { paths } from '../paths';
import { useMe } from '../session/SessionContext';
import { isOrganisationAdmin } from '../session/roles';
import { formatIban } from '@kiezfonds/domain';

/** The carrier's organisation: its details, editing for organisation admins, inviting colleagues. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const memberships = me.organisations;
  const selected = memberships.find((m) => m.organisationId === params.get('id')) ?? memberships[0];
  const organisationId = selected?.organisationId ?? '';
  const load = useCallback(
    (signal: AbortSignal) => getOrganisation(organisationId, { signal }),
    [organisationId],
  );
  const { state, reload, replace } = useApiData(load);
  const isAdmin = isOrganisationAdmin(me, organisationId);

  return (
    <Page title={t('organisation.title')} heading={t('organisation.heading')}>
      {memberships.length > 1 && (
        <nav aria-label={t('organisation.chooseLabel')}>
          <ul className="kern-list link-list">
            {memberships.map((membership) => (
              <li key={membership.organisationId}>
                <TextLink to={`${paths.organisation}?id=${encodeURIComponent(membership.organisationId)}`}>
                  {membership.name ?? membership.organisationId}
                </TextLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {state.status === 'loading' && <Loader label={t('organisation.loading')} />}
      {state.status === 'failed' && (
        <LoadError title={t('organisation.loadFailed')} error={state.error} onRetry={reload} />
      )}
      {state.status === 'loaded' && (
        <>
          <OrganisationDetails organisation={state.data} isAdmin={isAdmin} onSaved={replace} />
          <section className="page__section" aria-labelledby="kolleginnen">
            <h2 className="kern-heading-medium" id="kolleginnen">
              {t('organisation.inviteHeading')}
            </h2>
            {isAdmin ? (
              <>
                <p className="kern-body">
                  {t('organisation.inviteIntro', { organisation: state.data.name })}
                </p>
                <CarrierInviteForm organisationId={organisationId} />
              </>
            ) : (
              <p className="kern-body">{t('organisation.inviteAdminsOnly')}</p>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

function CarrierInviteForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const carrierOnly = useRoleOptions(['carrier']);
  const rolesFor = useCallback(() => carrierOnly, [carrierOnly]);
  return (
    <InviteForm
      idPrefix="colleague"
      roleOptionsFor={rolesFor}
      submitLabel={t('organisation.inviteSubmit')}
      toRequest={(values) => ({
        email: values.email,
        displayName: values.displayName,
        language: values.language,
        role: 'carrier',
        organisationId,
      })}
    />
  );
}

function OrganisationDetails({
  organisation,
  isAdmin,
  onSaved,
}: {
  organisation: Organisation;
  isAdmin: boolean;
  onSaved(organisation: Organisation): void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLDivElement>(null);
  const language = currentLanguage();

  const items = [
    { key: 'name', term: t('organisationForm.name'), value: organisation.name },
    { key: 'legalForm', term: t('organisationForm.legalForm'), value: organisation.legalForm },
    {
      key: 'address',
      term: t('organisation.address'),
      value: `${organisation.street}, ${organisation.postalCode} ${organisation.city}`,
    },
    {
      key: 'legalRepresentatives',
      term: t('organisationForm.legalRepresentatives'),
      value:
        organisation.legalRepresentatives.length > 0 ? (
          <ul className="kern-list representative-list">
            {organisation.legalRepresentatives.map((representative, index) => (
              <li key={index}>
                {t('organisation.representative', { name: representative.name, role: representative.role })}
              </li>
            ))}
          </ul>
        ) : (
          t('organisation.notGiven')
        ),
    },
    {
      key: 'financeRegistrationNumber',
      term: t('organisationForm.financeRegistrationNumber'),
      value: organisation.financeRegistrationNumber || t('organisation.notGiven'),
    },
    {
      key: 'vat',
      term: t('organisationForm.vatDeductible'),
      value: organisation.vatDeductible ? t('common.yes') : t('common.no'),
    },
    {
      key: 'iban',
      term: t('organisationForm.iban'),
      value: organisation.iban ? formatIban(organisation.iban) : t('organisation.notGiven'),
    },
    {
      key: 'verified',
      term: t('organisation.verification'),
      value: organisation.verifiedAt ? (
        <Badge
          variant="success"
          label={t('organisation.verifiedOn', { date: formatDate(organisation.verifiedAt, language) })}
        />
      ) : (
        <Badge variant="warning" label={t('organisation.unverified')} />
      ),
    },
  ];

  return (
    <section className="page__section" aria-labelledby="angaben">
      <h2 className="kern-heading-medium" id="angaben">
        {t('organisation.detailsHeading')}
      </h2>
      {!organisation.verifiedAt && <p className="kern-body">{t('organisation.unverifiedHint')}</p>}
      {editing ? (
        <EditOrganisation
          organisation={organisation}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.querySelector('button')?.focus());
          }}
          onSaved={(updated) => {
            onSaved(updated);
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <>
          <DescriptionList items={items} />
          <div aria-live="polite">{saved && <Alert variant="success" title={t('organisation.saved')} />}</div>
          {isAdmin && (
            <div className="page__actions" ref={editButton}>
              <Button
                variant="secondary"
                icon="edit"
                label={t('organisation.edit')}
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function EditOrganisation({
  organisation,
  onCancel,
  onSaved,
}: {
  organisation: Organisation;
  onCancel(): void;
  onSaved(organisation: Organisation): void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<OrganisationValues>(() => organisationValues(organisation));
  const [saving, setSaving] = useState(false);
  const representatives = values.legalRepresentatives.length;
  const fields = useMemo(
    () => organisationFieldSpecs(t, 'edit-organisation', '', representatives),
    [t, representatives],
  );
  const form = useFormErrors(fields, undefined, 3);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.values(organisationProblems(values, t)).some(Boolean))
      return form.showFieldErrors((tr) => organisationProblems(values, tr));
    setSaving(true);
    try {
      const payload = organisationPayload(values);
      // PATCH: an optional field that was emptied is cleared explicitly.
      const updated = await updateOrganisation(organisation.id, {
        ...payload,
        financeRegistrationNumber: payload.financeRegistrationNumber ?? null,
        iban: payload.iban ?? null,
      });
      onSaved({ ...organisation, ...updated });
    } catch (error) {
      form.showApiError(error, { organisation_name_taken: 'name' });
      setSaving(false);
    }
  }

  return (
    <>
      <ErrorSummary {...form.summaryProps} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <OrganisationFields
          idPrefix="edit-organisation"
          values={values}
          onChange={setValues}
          errorOf={(key) => form.errors.fields[key]}
        />
        <div className="page__actions">
          <Button type="submit" icon="check" label={t('organisation.save')} disabled={saving} />
          <Button variant="secondary" label={t('common.cancel')} onClick={onCancel} />
        </div>
      </form>
    </>
  );
}
