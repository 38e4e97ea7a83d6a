import { useTranslation } from 'react-i18next';
import { Button } from './Button';

type PagerProps = {
  page: number;
  pages: number;
  /** Names the navigation landmark, e.g. "Seiten der Personenliste". */
  label: string;
  onPage(page: number): void;
};

/** Previous/next through a paged list; hidden when everything fits on one page. */
export function Pager({ page, pages, label, onPage }: PagerProps) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <Button
        variant="secondary"
        icon="arrow-back"
        label={t('pager.previous')}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      />
      <p className="kern-body">{t('pager.pageOf', { page, pages })}</p>
      <Button
        variant="secondary"
        icon="arrow-forward"
        label={t('pager.next')}
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      />
    </nav>
  );
}
