// Built by vite.config.ts from de.json: the sections listed in shell-sections.ts.
declare module 'virtual:kiezfonds/german-shell-messages' {
  const messages: Record<string, unknown>;
  export default messages;
}
