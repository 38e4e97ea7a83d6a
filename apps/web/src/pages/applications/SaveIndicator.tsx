import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { describeError } from '../../components/form/formErrors';
import { timeOfDay } from '../../components/applications/format';
import { useApplicationDraft } from './draftContext';
import { serverRuleText } from '../../components/form/serverText';

/**
 * Tells where autosave stands. Routine progress is a quiet status line; a conflict, a locked
 * application or a failure is an alert with the way out.
 */
export function SaveIndicator() {
  const { t } = useTranslation();
  const { save, reload, flush } = useApplicationDraft();
  let line = '';
  if (save.kind === 'pending') line = t('applicationForm.save.pending');
  if (save.kind === 'saving') line = t('applicationForm.save.saving');
  if (save.kind === 'saved') line = t('applicationForm.save.savedAt', { time: timeOfDay(save.at) });
  return (
    <div className="save-indicator">
      <p className="kern-body kern-body--small kern-body--muted" role="status">
        {line}
      </p>
      {save.kind === 'conflict' && (
        <Alert variant="danger" title={t('applicationForm.save.conflictTitle')} role="alert">
          <p className="kern-body">{t('applicationForm.save.conflictBody')}</p>
          <div>
            <Button
              variant="secondary"
              icon="autorenew"
              label={t('applicationForm.save.reload')}
              onClick={reload}
            />
          </div>
        </Alert>
      )}
      {save.kind === 'locked' && (
        <Alert variant="warning" title={t('applicationForm.save.lockedTitle')} role="alert">
          <p className="kern-body">{t('applicationForm.save.lockedBody')}</p>
          <div>
            <Button
              variant="secondary"
              icon="autorenew"
              label={t('applicationForm.save.reload')}
              onClick={reload}
            />
          </div>
        </Alert>
      )}
      {save.kind === 'invalid' && (
        <Alert variant="danger" title={t('applicationForm.save.invalidTitle')} role="alert">
          <ul className="kern-list">
            {save.problems.map((problem, index) => (
              <li key={index} className="kern-body">
                {problem.message
                  ? serverRuleText(problem.rule, problem.message)
                  : t('applicationForm.save.invalidField', { field: problem.field })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {save.kind === 'failed' && (
        <Alert variant="danger" title={t('applicationForm.save.failedTitle')} role="alert">
          <p className="kern-body">{describeError(save.error, t)}</p>
          <div>
            <Button
              variant="secondary"
              icon="autorenew"
              label={t('applicationForm.save.retry')}
              onClick={() => void flush()}
            />
          </div>
        </Alert>
      )}
    </div>
  );
}
