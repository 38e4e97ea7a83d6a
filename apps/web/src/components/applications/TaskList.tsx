import { Link } from 'react-router';
import type { BadgeVariant } from '../Badge';
import { Badge } from '../Badge';

export type Task = { key: string; label: string; to: string; status: string; variant: BadgeVariant };

/**
 * KERN task list: numbered parts, each a link to its page with its status beside it. The whole
 * row is clickable (KERN's stretched link); the status is part of the link's accessible name.
 */
export function TaskList({
  heading,
  headingId,
  tasks,
}: {
  heading: string;
  headingId: string;
  tasks: readonly Task[];
}) {
  return (
    <div className="kern-task-list">
      <div className="kern-task-list__header">
        <h2 className="kern-heading" id={headingId}>
          {heading}
        </h2>
      </div>
      <ol className="kern-task-list__list" aria-labelledby={headingId}>
        {tasks.map((task, index) => (
          <li key={task.key} className="kern-task-list__item">
            <div className="kern-task-list__title">
              <Link
                className="kern-task-list__content-wrapper kern-link kern-link--stretched"
                to={task.to}
                aria-describedby={`${headingId}-${task.key}-status`}
              >
                <span className="kern-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span>{task.label}</span>
              </Link>
            </div>
            <div className="kern-task-list__status" id={`${headingId}-${task.key}-status`}>
              <Badge variant={task.variant} label={task.status} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
