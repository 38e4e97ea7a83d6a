import { createContext, useContext } from 'react';
import type {
  ApplicationContent,
  ApplicationDetail,
  Problem,
  Saved,
  Transition,
} from '../../api/applications';

/**
 * Where autosave stands. `conflict`: the application changed elsewhere (another tab, a colleague),
 * so saving stops until the page is reloaded; `locked`: the content may no longer change (it was
 * submitted meanwhile); `invalid`: the server refused the content (details in `problems`).
 */
export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'conflict' }
  | { kind: 'locked' }
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'failed'; error: unknown };

export type ApplicationDraft = {
  /** The application as last read from the server, with the local title and content. */
  detail: ApplicationDetail;
  content: ApplicationContent;
  title: string;
  /** What is still missing, from the last save (or the last read). */
  problems: Problem[];
  save: SaveStatus;
  /** Changes the content (or title) locally and saves it shortly after the last keystroke. */
  update(change: { title?: string; content?: (content: ApplicationContent) => ApplicationContent }): void;
  /**
   * Saves pending changes now. Resolves with what is still missing once everything typed so far
   * is stored, or with `null` when saving failed (the save status says why).
   */
  flush(): Promise<Problem[] | null>;
  /**
   * Takes over a write made outside autosave (the plan import): its version and problems, and the
   * content it stored, without saving that content again.
   */
  adoptSaved(saved: Saved, content: (content: ApplicationContent) => ApplicationContent): void;
  /** The version the next write must name (after the last save), for lifecycle events. */
  currentVersion(): number;
  /** Reads the application again (after a lifecycle event or a conflict), dropping unsaved changes. */
  reload(): void;
  /** Applies the answer of a lifecycle event and reads the application again. */
  afterTransition(transition: Transition): void;
  /** Reads only `problems` again (attachments change them without a new version). */
  refreshProblems(): void;
};

export const ApplicationDraftContext = createContext<ApplicationDraft | null>(null);

export function useApplicationDraft(): ApplicationDraft {
  const draft = useContext(ApplicationDraftContext);
  if (!draft) throw new Error('useApplicationDraft outside ApplicationLayout');
  return draft;
}
