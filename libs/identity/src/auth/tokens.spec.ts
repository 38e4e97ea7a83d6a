import { sameSecret } from './tokens';

describe('comparing a secret a client sent', () => {
  it('matches only the same string, and nothing that is not a string', () => {
    expect(sameSecret('FqqQBF03SJbP80TXCrt8ENnzil6pcRLf', 'FqqQBF03SJbP80TXCrt8ENnzil6pcRLf')).toBe(true);
    expect(sameSecret('FqqQBF03SJbP80TXCrt8ENnzil6pcRLg', 'FqqQBF03SJbP80TXCrt8ENnzil6pcRLf')).toBe(false);
    expect(sameSecret('FqqQ', 'FqqQBF03SJbP80TXCrt8ENnzil6pcRLf')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
    expect(sameSecret(undefined, 'FqqQ')).toBe(false);
    expect(sameSecret(['FqqQ', 'FqqQ'], 'FqqQ')).toBe(false);
    // Multi-byte characters are compared as bytes: no false match across lengths.
    expect(sameSecret('ä', 'aa')).toBe(false);
  });
});
