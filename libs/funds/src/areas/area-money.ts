/**
 * The SQL that puts money beside an area (issue 21). Money reaches an area through its projects:
 * a tracked project names one area, a Netzwerkfonds application names any number (`areaIds` in its
 * content). A Planungsraum also counts the projects of the QM areas and Aktionsräume that cover it
 * (`area_cover`), because that is where programme money is spent; the monitoring measures
 * Planungsräume. A project counts once per area it reaches, whatever the path, so an area's total
 * is never inflated; the same project may of course count in several areas.
 *
 * Committed is what is committed net of decommitments; paid is disbursed net of repayments; both
 * over all programme years, from the ledger's project counters (`ledger_project_balance`).
 *
 * `$1` is the uuid[] of the districts in scope.
 */
export const AREA_PROJECTS_CTE = `
  project_money AS (
    SELECT b.project_id, f.kind AS fund_kind,
           sum(b.committed_cents) AS committed_cents,
           sum(b.disbursed_cents - b.repaid_cents) AS paid_cents
    FROM ledger_project_balance b JOIN fund f ON f.id = b.fund_id
    WHERE f.district_id = ANY($1::uuid[])
    GROUP BY b.project_id, f.kind
  ),
  project_area AS (
    SELECT tp.id AS project_id, tp.area_id::text AS area_id, tp.action_field_id::text AS action_field_id
    FROM tracked_project tp WHERE tp.district_id = ANY($1::uuid[])
    UNION
    SELECT a.id, ar.value, af.value
    FROM application a JOIN call c ON c.id = a.call_id
    CROSS JOIN LATERAL jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(a.content->'areaIds') = 'array' THEN a.content->'areaIds' ELSE '[]'::jsonb END
    ) ar
    LEFT JOIN LATERAL jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(a.content->'actionFieldIds') = 'array' THEN a.content->'actionFieldIds' ELSE '[]'::jsonb END
    ) af ON true
    WHERE c.district_id = ANY($1::uuid[])
  ),
  area_reach AS (
    SELECT id AS area_id, id::text AS via FROM area WHERE district_id = ANY($1::uuid[])
    UNION
    SELECT planungsraum_id, area_id::text FROM area_cover WHERE district_id = ANY($1::uuid[])
  )`;
