/** Route paths are German: they are the addresses users see, bookmark and share. */
export const paths = {
  home: '/',
  accessibility: '/barrierefreiheit',
  imprint: '/impressum',
} as const;
