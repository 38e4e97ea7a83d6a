import { endOfBerlinDay } from './carrier-reminders';

/**
 * The report deadlines of the grant notices of projects under way that are still open, one row per
 * deadline: `entity_id` (application, kind, due date), `application_id`, `deadline` (23:59 Berlin
 * of the due date) and the template `facts`. An interim deadline counts as met when as many interim
 * reports were submitted as there are interim deadlines up to it; the proof of use when the project
 * left implementation. Shared by the reminders before (report_due) and after (report_overdue) the
 * deadline, and by their check at delivery.
 */
export const OPEN_REPORT_DEADLINES = `
  SELECT d.application_id || ':' || d.kind || ':' || d.due AS entity_id, d.application_id,
         ${endOfBerlinDay('d.due')} AS deadline,
         json_build_object('report', json_build_object(
           'type', CASE WHEN d.kind = 'final' THEN 'proof_of_use' ELSE 'interim' END,
           'due', d.due::text)) AS facts
    FROM (SELECT g.application_id, (r->>'due')::date AS due, r->>'kind' AS kind,
                 row_number() OVER (PARTITION BY g.application_id, r->>'kind' ORDER BY (r->>'due')::date) AS nth
            FROM grant_notice g CROSS JOIN jsonb_array_elements(g.report_deadlines) r) d
    JOIN application a ON a.id = d.application_id
   WHERE a.state = 'in_implementation'
     AND (d.kind = 'final' OR d.nth > (SELECT count(*) FROM application_report rep
                                       WHERE rep.application_id = d.application_id AND rep.kind = 'interim'))`;
