import type { FeatureLike } from 'ol/Feature';

/**
 * The time slider's state: when a year is set, only projects under construction that year are drawn.
 * Kept apart from the slider UI so the project style and the permalink can read it without importing the DOM code.
 */
let year: number | null = null;

export function filterYear(): number | null {
  return year;
}

export function setFilterYear(value: number | null): void {
  year = value;
}

export function isUnderConstruction(startYear: number, endYear: number, inYear: number): boolean {
  return startYear <= inYear && inYear <= endYear;
}

/** Whether the slider lets a project show: always with no year set, else only while it is under construction. */
export function shownInYear(feature: FeatureLike): boolean {
  return year === null || isUnderConstruction(feature.get('start_year') as number, feature.get('end_year') as number, year);
}
