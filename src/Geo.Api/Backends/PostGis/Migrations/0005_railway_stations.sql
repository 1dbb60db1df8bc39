-- The two railway stations inside the district (OpenStreetMap, ODbL) are facilities of a new kind. The CHECK list
-- follows Catalog.FacilityKinds.
ALTER TABLE facilities DROP CONSTRAINT facilities_kind_check;
ALTER TABLE facilities ADD CONSTRAINT facilities_kind_check
    CHECK (kind IN ('school', 'clinic', 'hospital', 'market', 'elderly_care', 'childcare', 'park', 'railway_station'));
