import { type MouseEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldSpec, FormErrors } from './formErrors';

export type ErrorSummaryProps = {
  errors: FormErrors;
  fields: Record<string, FieldSpec>;
  /** Focus moves here whenever this number grows (each failed submit). */
  focusKey: number;
  title?: string;
  /** 2 at the top of a page, 3 inside a section with its own h2. */
  headingLevel?: 2 | 3;
};

/**
 * The error summary at the top of a form (GOV.UK pattern in KERN's danger alert): it receives
 * focus after a failed submit and links every field error to its field.
 */
export function ErrorSummary({ errors, fields, focusKey, title, headingLevel = 2 }: ErrorSummaryProps) {
  const Heading = `h${headingLevel}` as const;
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const fieldItems = Object.entries(fields).flatMap(([field, spec]) => {
    const message = errors.fields[field];
    return message ? [{ key: field, id: spec.id, text: `${spec.label}: ${message}` }] : [];
  });
  const visible = errors.general.length + fieldItems.length > 0;

  useEffect(() => {
    if (focusKey > 0 && visible) ref.current?.focus();
  }, [focusKey, visible]);

  if (!visible) return null;

  function jump(event: MouseEvent<HTMLAnchorElement>, id: string) {
    const field = document.getElementById(id);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  }

  return (
    <div
      ref={ref}
      className="kern-alert kern-alert--danger error-summary"
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
    >
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <Heading className="kern-title" id={titleId}>
          {title ?? t('forms.summaryTitle')}
        </Heading>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list error-summary__list">
          {errors.general.map((text, index) => (
            <li key={`general-${index}`} className="kern-body">
              {text}
            </li>
          ))}
          {fieldItems.map((item) => (
            <li key={item.key}>
              <a className="kern-link" href={`#${item.id}`} onClick={(event) => jump(event, item.id)}>
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
