import { inputProblems, int32Problems, MAX_INPUT_DEPTH, MAX_OBJECT_KEYS } from './input-checks';

describe('checks every input passes, whatever the route', () => {
  it('names the field holding a NUL character, also in keys and lists', () => {
    expect(inputProblems({ title: 'Kiez\u0000küche' })).toEqual([
      { field: 'title', rule: 'noNulCharacters' },
    ]);
    expect(inputProblems({ plan: [{ label: 'a' }, { label: '\u0000' }] })).toEqual([
      { field: 'plan.1.label', rule: 'noNulCharacters' },
    ]);
    expect(inputProblems({ 'a\u0000': 1 })).toEqual([{ field: 'a\u0000', rule: 'noNulCharacters' }]);
    expect(inputProblems({ title: 'Kostenübersicht' })).toEqual([]);
  });

  it('names where a body nests too deep, without overflowing itself', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [problem] = inputProblems({ data: deep });
    expect(problem).toEqual({
      field: `data${'.0'.repeat(MAX_INPUT_DEPTH - 1)}`,
      rule: 'maxDepth',
      params: { max: MAX_INPUT_DEPTH },
    });
    let fine: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) fine = { a: fine };
    expect(inputProblems(fine)).toEqual([]);
  });

  it('names an object with more fields than any form has, without walking into it', () => {
    const wide = (keys: number) =>
      Object.fromEntries(Array.from({ length: keys }, (_, i) => [`f${i}`, '\u0000']));
    expect(inputProblems({ plan: { lines: wide(MAX_OBJECT_KEYS + 1) } })).toEqual([
      { field: 'plan.lines', rule: 'tooManyKeys', params: { max: MAX_OBJECT_KEYS } },
    ]);
    expect(inputProblems(wide(MAX_OBJECT_KEYS + 1))).toEqual([
      { field: '', rule: 'tooManyKeys', params: { max: MAX_OBJECT_KEYS } },
    ]);
    expect(inputProblems({ plan: wide(MAX_OBJECT_KEYS) })).toHaveLength(20);
    // A list is as long as its limit allows; the rule is for objects.
    expect(inputProblems({ ids: Array.from({ length: MAX_OBJECT_KEYS + 1 }, () => 'x') })).toEqual([]);
  });

  it('marks decoded invalid UTF-8 only when the raw bytes were invalid', () => {
    expect(inputProblems({ name: 'a\uFFFDb' })).toEqual([]);
    expect(inputProblems({ name: 'a\uFFFDb' }, { replacementMarksInvalidUtf8: true })).toEqual([
      { field: 'name', rule: 'utf8' },
    ]);
  });

  it('names a field or key holding half of a surrogate pair, and lets whole pairs through', () => {
    expect(inputProblems({ content: { summary: 'Kiez \ud800 Küche' } })).toEqual([
      { field: 'content.summary', rule: 'utf8' },
    ]);
    expect(inputProblems({ list: ['\udc00 allein'] })).toEqual([{ field: 'list.0', rule: 'utf8' }]);
    expect(inputProblems({ 'a\ud83d': 1 })).toEqual([{ field: 'a\ud83d', rule: 'utf8' }]);
    // An emoji is a whole pair.
    expect(inputProblems({ summary: 'Kiezfest \ud83c\udf89 im Juni' })).toEqual([]);
  });

  it('keeps whole numbers of paths and queries within int32', () => {
    expect(int32Problems({ version: 2 ** 31 - 1, page: 1 })).toEqual([]);
    expect(int32Problems({ version: 2 ** 31 })).toEqual([
      { field: 'version', rule: 'int32', params: { min: -2147483648, max: 2147483647 } },
    ]);
    expect(int32Problems({ year: -(2 ** 31) - 1 })[0]?.field).toBe('year');
    expect(int32Problems({ n: Number.POSITIVE_INFINITY })[0]?.rule).toBe('int32');
    expect(int32Problems('2147483648')).toEqual([]);
  });
});
