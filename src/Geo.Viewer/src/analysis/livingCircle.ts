import { analysisFetch } from './request';

export interface NeedCoverage {
  need: string;
  label: string;
  covered: boolean;
  facilities: Array<{ id: number; kind: string; name: string; distanceMetres: number }>;
}

export interface LivingCircleResult {
  distanceMetres: number;
  method: string;
  areas: Array<{ zoneId: number; name: string; needs: NeedCoverage[]; gaps: string[]; missingFacilityKinds: string[] }>;
}

/** The 一刻钟便民生活圈 of one resettlement area: which needs have a facility within the distance, and the gaps. */
export async function fetchLivingCircle(zoneId: number, distanceMetres: number, signal?: AbortSignal): Promise<LivingCircleResult> {
  const response = await analysisFetch(`api/analysis/living-circle?zone=${zoneId}&distance_m=${distanceMetres}`, { signal });
  return (await response.json()) as LivingCircleResult;
}
