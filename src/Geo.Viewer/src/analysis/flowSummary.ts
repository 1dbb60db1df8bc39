import type { FlowSummary } from '../api/types';
import { analysisFetch } from './request';

/** Households and persons moving into each resettlement area against its capacity (GET /api/flows/summary). */
export async function fetchFlowSummary(signal?: AbortSignal): Promise<FlowSummary> {
  const response = await analysisFetch('api/flows/summary?group_by=destination', { signal });
  return (await response.json()) as FlowSummary;
}
