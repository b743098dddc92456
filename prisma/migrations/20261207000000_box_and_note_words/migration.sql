-- One word each in the audit log too: a driver diagram's "box" (was "driver-node") and a run chart's
-- "note" (was "annotation"). Only the action and entity names change; who, when, before and after
-- stay as they were recorded. The tables keep their first names (driver_node, annotation).
UPDATE "audit_event" SET "action" = 'driver-box.' || substr("action", length('driver-node.') + 1) WHERE "action" LIKE 'driver-node.%';
UPDATE "audit_event" SET "entity_type" = 'driver-box' WHERE "entity_type" = 'driver-node';
UPDATE "audit_event" SET "action" = 'note.' || substr("action", length('annotation.') + 1) WHERE "action" LIKE 'annotation.%';
UPDATE "audit_event" SET "entity_type" = 'note' WHERE "entity_type" = 'annotation';
