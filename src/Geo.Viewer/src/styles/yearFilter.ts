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
