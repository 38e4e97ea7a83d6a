import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * Moves keyboard focus to an element that a state change brings in (a form's first field, a
 * row's next action, a confirmation), as soon as it is rendered, even when that takes a reload of
 * the list. Without it, focus falls to the start of the page whenever the control that had it
 * goes away (WCAG 2.4.3). Focus the user has meanwhile moved elsewhere stays where it is.
 *
 * Call the returned function with the element's id before the state change, or with `null` to
 * drop a pending move (the action failed and its error summary takes the focus).
 */
export function useFocusWhenShown(): (id: string | null) => void {
  const pending = useRef<{ id: string; origin: Element | null } | null>(null);

  // No dependencies: the element may appear with any later render of the component.
  useLayoutEffect(() => {
    const target = pending.current;
    if (!target) return;
    const element = document.getElementById(target.id);
    if (!element) return;
    pending.current = null;
    const current = document.activeElement;
    if (!current || current === document.body || current === target.origin) element.focus();
  });

  return useCallback((id: string | null) => {
    pending.current = id === null ? null : { id, origin: document.activeElement };
  }, []);
}
