-- Soft deletes and restores (issue 13). A delete takes the row out of its table, so items, tiles, search and analyses
-- (every reader of the table) leave it out without a filter to forget; its feature_history delete row is the deleted
-- flag, seen through deleted_features. A restore puts the row back as a new version. The history now also names
-- patches and restores, and keeps version 1 of an imported feature ('import') at its first edit.
ALTER TABLE feature_history DROP CONSTRAINT feature_history_operation_check;
ALTER TABLE feature_history ADD CONSTRAINT feature_history_operation_check
    CHECK (operation IN ('import', 'create', 'replace', 'patch', 'delete', 'restore'));

-- A feature is deleted when the last row of its history is a delete.
CREATE VIEW deleted_features AS
SELECT collection, feature_id, version, at, user_name
FROM (SELECT DISTINCT ON (collection, feature_id) collection, feature_id, version, at, user_name, operation
      FROM feature_history ORDER BY collection, feature_id, version DESC) latest
WHERE operation = 'delete';
