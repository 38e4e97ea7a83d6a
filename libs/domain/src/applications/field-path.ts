/** A readable path to a value in content: `costPlan[2].amountCents`, `declarations.projectNotStarted`. */
export function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const name = String(segment);
    return path === '' ? name : `${path}.${name}`;
  }, '');
}
