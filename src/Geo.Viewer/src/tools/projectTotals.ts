import type Feature from 'ol/Feature';

export interface ProjectTotals {
  count: number;
  investment: number;
  byGroup: Map<string, number>;
  byFunding: Map<string, number>;
  byStartYear: Map<number, number>;
}

function add<K>(map: Map<K, number>, key: K, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Count and planned investment (万元) of a set of projects, split the three ways the plan reports them. */
export function projectTotals(projects: Feature[]): ProjectTotals {
  const totals: ProjectTotals = { count: projects.length, investment: 0, byGroup: new Map(), byFunding: new Map(), byStartYear: new Map() };
  for (const project of projects) {
    const wan = project.get('investment_wan') as number;
    totals.investment += wan;
    add(totals.byGroup, project.get('category') as string, wan);
    add(totals.byFunding, project.get('funding') as string, wan);
    add(totals.byStartYear, project.get('start_year') as number, wan);
  }
  totals.byStartYear = new Map([...totals.byStartYear].sort((a, b) => a[0] - b[0]));
  return totals;
}
