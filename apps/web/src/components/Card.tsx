import type { ReactNode } from 'react';

type CardProps = {
  title: string;
  /** Heading level that fits the page outline. */
  headingLevel?: 2 | 3 | 4;
  children: ReactNode;
};

/** KERN card: a titled box of related content. */
export function Card({ title, headingLevel = 3, children }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="kern-card">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <Heading className="kern-title">{title}</Heading>
        </div>
        <div className="kern-card__body">{children}</div>
      </div>
    </div>
  );
}
