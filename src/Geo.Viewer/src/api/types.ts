import type { components } from './schema.gen';

// The server's request and answer shapes, named as the viewer uses them. Every one comes from docs/openapi.json
// (schema.gen.ts), so a server change that breaks the viewer fails `npm run build` instead of a user's click.
type Schemas = components['schemas'];

/** The fields of T named by K, present and not null: one alternative of a body whose fields are all optional. */
type Given<T, K extends keyof T> = { [P in K]-?: NonNullable<T[P]> };

/** The signed-in account (GET/POST /api/session) and the token its writes send in X-CSRF-TOKEN. */
export type Session = Schemas['SessionAnswer'];

/** GET /api/search and one of its hits (bbox: minLon, minLat, maxLon, maxLat in EPSG:4490, or null without geometry). */
export type SearchAnswer = Schemas['SearchResponse'];
export type SearchHit = Schemas['SearchHit'];

/** An application/problem+json answer: what was wrong and how to fix it. */
export type Problem = Schemas['ProblemDetails'];

type ProjectsInAreaBody = Schemas['ProjectsInAreaBody'];

/**
 * What POST /api/analysis/projects-in-area is asked by the query panel: a drawn geometry (CGCS2000 lon/lat), a zone,
 * or a township seat and radius (the server takes exactly one of them).
 */
export type AreaRequest =
  | Given<ProjectsInAreaBody, 'geometry'>
  | Given<ProjectsInAreaBody, 'zoneId'>
  | Given<ProjectsInAreaBody, 'townshipCode' | 'bufferM'>;

export type AreaSummary = Schemas['ProjectsInAreaResponse'];
export type SummaryGroup = Schemas['SummaryGroup'];

/** 合规性审查 of a stored feature (f=json) and the conflicting parts (f=geojson). */
export type ComplianceResult = Schemas['ComplianceResponse'];
export type ComplianceFinding = Schemas['ComplianceFinding'];
export type ComplianceParts = Schemas['GeoJsonFeatureCollection'];

/** GET /api/flows/summary and one resettlement area's inflow against its capacity. */
export type FlowSummary = Schemas['FlowSummaryResponse'];
export type ResettlementInflow = Schemas['ResettlementAreaInflow'];

/** GET /api/analysis/living-circle. */
export type LivingCircleResult = Schemas['LivingCircleResponse'];

/** POST /api/files/preview: an uploaded file as read (features in EPSG:4490, CRS, encoding, repairs, warnings). */
export type FilePreview = Schemas['FilePreviewResponse'];

/** 合规性审查 and 区域查询 of an uploaded file: one row per 地块 or feature. */
export type ComplianceUpload = Schemas['ComplianceUploadResponse'];
export type ComplianceUploadRow = ComplianceUpload['results'][number];
export type ProjectsInAreaUpload = Schemas['ProjectsInAreaUploadResponse'];
export type ProjectsInAreaUploadRow = ProjectsInAreaUpload['results'][number];
