import type { LivingCircleResult } from '../api/types';
import { analysisFetch } from './request';

/** The 一刻钟便民生活圈 of one resettlement area: which needs have a facility within the distance, and the gaps. */
export async function fetchLivingCircle(zoneId: number, distanceMetres: number, signal?: AbortSignal): Promise<LivingCircleResult> {
  const response = await analysisFetch(`api/analysis/living-circle?zone=${zoneId}&distance_m=${distanceMetres}`, { signal });
  return (await response.json()) as LivingCircleResult;
}
