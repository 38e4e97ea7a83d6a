import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type ApplicationContent,
  type ApplicationDetail,
  getApplication,
  type Problem,
  saveContent,
} from '../../api/applications';
import { Loader } from '../../components/Loader';
import { LoadError } from '../../components/LoadError';
import { Page } from '../../components/Page';
import { type ApplicationDraft, ApplicationDraftContext, type SaveStatus } from './draftContext';
import { contentForSaving, problemsForForm } from '../../components/applications/parts';

/** Quiet time after the last change before autosave sends it. */
const autosaveDelayMs = 1200;

type Loaded = { detail: ApplicationDetail; content: ApplicationContent; title: string; problems: Problem[] };

/**
 * Holds one application while the carrier moves between its parts, so unsaved changes and the
 * version survive navigation. Saves are serialised: one `PUT` at a time, always with the version
 * the previous one answered, so autosave never conflicts with itself.
 */
export function ApplicationLayout() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [save, setSave] = useState<SaveStatus>({ kind: 'idle' });

  // The save loop reads the latest state without waiting for a render.
  const latest = useRef<Loaded | null>(null);
  const version = useRef(0);
  const changeCount = useRef(0);
  const savedCount = useRef(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const stopped = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    getApplication(id, { signal: controller.signal }).then(
      (detail) => {
        const next = {
          detail,
          content: detail.content ?? {},
          title: detail.title,
          problems: detail.problems,
        };
        latest.current = next;
        version.current = detail.version;
        changeCount.current = 0;
        savedCount.current = 0;
        stopped.current = false;
        setLoaded(next);
        setLoadError(null);
        setSave({ kind: 'idle' });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error);
      },
    );
    return () => controller.abort();
  }, [id, attempt]);

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const current = latest.current;
    if (!current || stopped.current) return false;
    const target = changeCount.current;
    if (target === savedCount.current) return true;
    setSave({ kind: 'saving' });
    try {
      const saved = await saveContent(id, {
        version: version.current,
        title: current.title.trim() || undefined,
        content: contentForSaving(current.content),
      });
      version.current = saved.version;
      savedCount.current = target;
      const next = {
        ...latest.current!,
        detail: { ...latest.current!.detail, version: saved.version, updatedAt: saved.updatedAt },
        // Named by the form's rows: autosave left out cost lines without a valid amount.
        problems: problemsForForm(saved.problems, current.content),
      };
      latest.current = next;
      setLoaded(next);
      setSave(changeCount.current === target ? { kind: 'saved', at: saved.updatedAt } : { kind: 'pending' });
      return true;
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        stopped.current = true;
        setSave(error.code === 'content_locked' ? { kind: 'locked' } : { kind: 'conflict' });
      } else if (isApiError(error) && error.status === 400) {
        setSave({ kind: 'invalid', problems: error.details.map((d) => ({ ...d })) });
      } else {
        setSave({ kind: 'failed', error });
      }
      return false;
    }
  }, [id]);

  const flush = useCallback(async (): Promise<Problem[] | null> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    // Wait for a save under way, then send whatever was typed meanwhile, until nothing is left.
    for (;;) {
      while (inFlight.current) await inFlight.current;
      if (changeCount.current === savedCount.current) break;
      const run = saveOnce().finally(() => {
        inFlight.current = null;
      });
      inFlight.current = run;
      if (!(await run)) return null;
    }
    return stopped.current || !latest.current ? null : latest.current.problems;
  }, [saveOnce]);

  const update = useCallback<ApplicationDraft['update']>(
    (change) => {
      const current = latest.current;
      if (!current || stopped.current) return;
      const next = {
        ...current,
        title: change.title ?? current.title,
        content: change.content ? change.content(current.content) : current.content,
      };
      latest.current = next;
      changeCount.current += 1;
      setLoaded(next);
      setSave({ kind: 'pending' });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), autosaveDelayMs);
    },
    [flush],
  );

  const currentVersion = useCallback(() => version.current, []);

  const adoptSaved = useCallback<ApplicationDraft['adoptSaved']>((saved, change) => {
    const current = latest.current;
    if (!current) return;
    version.current = saved.version;
    const content = change(current.content);
    const next = {
      ...current,
      content,
      detail: { ...current.detail, version: saved.version, updatedAt: saved.updatedAt },
      problems: problemsForForm(saved.problems, content),
    };
    latest.current = next;
    setLoaded(next);
    setSave({ kind: 'saved', at: saved.updatedAt });
  }, []);

  const reload = useCallback(() => {
    window.clearTimeout(timer.current);
    setAttempt((n) => n + 1);
  }, []);

  const refreshProblems = useCallback(() => {
    getApplication(id).then(
      (detail) => {
        if (!latest.current) return;
        const next = { ...latest.current, problems: detail.problems };
        latest.current = next;
        setLoaded(next);
      },
      () => {
        // The next save or reload brings the problems anyway.
      },
    );
  }, [id]);

  // Leaving the application (or the page) must not lose the last keystrokes.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (changeCount.current !== savedCount.current && !stopped.current) {
        void flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (changeCount.current !== savedCount.current) void flush();
    };
  }, [flush]);

  const draft = useMemo<ApplicationDraft | null>(
    () =>
      loaded && {
        detail: loaded.detail,
        content: loaded.content,
        title: loaded.title,
        problems: loaded.problems,
        save,
        update,
        flush,
        adoptSaved,
        currentVersion,
        reload,
        afterTransition: reload,
        refreshProblems,
      },
    [loaded, save, update, flush, adoptSaved, currentVersion, reload, refreshProblems],
  );

  if (loadError && !draft) {
    return (
      <Page title={t('applicationOverview.title')} heading={t('applicationOverview.title')}>
        <LoadError
          title={t('applicationOverview.loadFailed')}
          error={loadError}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      </Page>
    );
  }
  if (!draft) return <Loader label={t('applicationOverview.loading')} />;
  return (
    <ApplicationDraftContext.Provider value={draft}>
      <Outlet />
    </ApplicationDraftContext.Provider>
  );
}
