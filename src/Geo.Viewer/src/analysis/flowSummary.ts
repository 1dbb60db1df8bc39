import { analysisFetch } from './request';

export interface ResettlementInflow {
  zoneId: number;
  name: string;
  capacityHouseholds: number | null;
  inflowHouseholds: number;
  inflowPersons: number;
  utilisation: number | null;
  overCapacity: boolean;
  warning: string | null;
}

export interface FlowSummaryResult {
  resettlementAreas: ResettlementInflow[];
}

/** Households and persons moving into each resettlement area against its capacity (GET /api/flows/summary). */
export async function fetchFlowSummary(signal?: AbortSignal): Promise<FlowSummaryResult> {
  const response = await analysisFetch('api/flows/summary?group_by=destination', { signal });
  return (await response.json()) as FlowSummaryResult;
}
