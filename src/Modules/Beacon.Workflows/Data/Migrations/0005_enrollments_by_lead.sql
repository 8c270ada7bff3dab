-- The frequency cap counts a lead's recent sends across all of its enrollments, running or ended, on every message
-- step. enrollments_by_lead covers only active ones, so that lookup scanned the brokerage's every enrollment
-- (O(enrollments) per step; found with ./beacon bench workflows). Index them by lead whatever their status.
CREATE INDEX enrollments_by_lead_any ON workflows.enrollments (tenant_id, lead_id);
