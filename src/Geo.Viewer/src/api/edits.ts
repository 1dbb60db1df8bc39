import type { Feature as GeoJsonFeature, Geometry } from 'geojson';
import type { components } from './schema.gen';
import type { Session } from './types';

// OGC API – Features Part 4 as the edit mode and the history panel use it: every item answer carries a strong ETag
// (its version); a replace or a restore sends it back in If-Match, so a change made meanwhile by someone else is
// refused with 412 instead of being overwritten unseen. Writes from the signed-in browser send the session's
// anti-forgery token.
type Schemas = components['schemas'];

/** GET …/items/{featureId}/history: the versions written through edits, oldest first. */
export type FeatureHistory = Schemas['FeatureHistoryDocument'];
export type FeatureVersion = Schemas['FeatureVersionDocument'];

/** A feature as the edit endpoints take it: a geometry in CRS84 lon/lat and the catalog's properties. */
export interface EditBody {
  type: 'Feature';
  geometry: Geometry;
  properties: Record<string, unknown>;
}

/** An application/problem+json refusal; `parameter` names the field at fault (`properties.capacity_households`, `geometry`). */
export interface EditProblem {
  title?: string;
  detail?: string;
  parameter?: string;
}

/** A feature with the ETag of the version it is. */
export interface Versioned {
  feature: GeoJsonFeature;
  etag: string;
}

export type EditAnswer = ({ ok: true } & Versioned) | { ok: false; status: number; problem: EditProblem };

const itemPath = (collection: string, id: number) => `/ogcapi/collections/${collection}/items/${id}`;

/** The feature as it is now and its ETag; never from the browser's cache, which could hold an older version. */
export async function fetchVersioned(collection: string, id: number, signal?: AbortSignal): Promise<EditAnswer> {
  return answer(await fetch(itemPath(collection, id), { signal, cache: 'no-store', headers: { Accept: 'application/geo+json' } }));
}

/** POST a new feature (no If-Match: there is no version yet). */
export async function createFeature(collection: string, body: EditBody, session: Session): Promise<EditAnswer> {
  return answer(await fetch(`/ogcapi/collections/${collection}/items`, write('POST', session, body)));
}

/** PUT a whole feature over the version named by `etag`. */
export async function replaceFeature(collection: string, id: number, body: EditBody, etag: string, session: Session): Promise<EditAnswer> {
  return answer(await fetch(itemPath(collection, id), write('PUT', session, body, etag)));
}

/** An admin makes an earlier version the current one again (itself a new version); `etag` is the current version's. */
export async function restoreVersion(collection: string, id: number, version: number, etag: string, session: Session): Promise<EditAnswer> {
  return answer(await fetch(`${itemPath(collection, id)}/restore`, write('POST', session, { version }, etag)));
}

export async function fetchHistory(collection: string, id: number, signal?: AbortSignal): Promise<FeatureHistory | { status: number; problem: EditProblem }> {
  const response = await fetch(`${itemPath(collection, id)}/history`, { signal, cache: 'no-store' });
  return response.ok ? ((await response.json()) as FeatureHistory) : { status: response.status, problem: await problemOf(response) };
}

function write(method: string, session: Session, body: unknown, etag?: string): RequestInit {
  return {
    method,
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/geo+json',
      'X-CSRF-TOKEN': session.antiforgeryToken,
      ...(etag ? { 'If-Match': etag } : {}),
    },
    body: JSON.stringify(body),
  };
}

async function answer(response: Response): Promise<EditAnswer> {
  if (!response.ok) {
    return { ok: false, status: response.status, problem: await problemOf(response) };
  }
  return { ok: true, feature: (await response.json()) as GeoJsonFeature, etag: response.headers.get('ETag') ?? '' };
}

/** The problem+json of a refusal; a body that is not one (a proxy's page) still gives its status line. */
async function problemOf(response: Response): Promise<EditProblem> {
  try {
    return (await response.json()) as EditProblem;
  } catch {
    return { title: `HTTP ${response.status}`, detail: response.statusText };
  }
}
