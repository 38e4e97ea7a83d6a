/** The lines of a document's text, to assert that one reads exactly so. */
export function lines(text: string): string[] {
  return text.split('\n');
}

/** The text with its line breaks undone, to find sentences that wrap. */
export function flowing(text: string): string {
  return text.replace(/\n/g, ' ');
}
