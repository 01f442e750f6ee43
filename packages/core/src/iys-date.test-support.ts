// The date tests' way to name a civil date.
import { civilDate } from './iys-date.js';
import type { CivilDate } from './iys-date.js';

/** The civil date an ISO day (YYYY-MM-DD) names. */
export const day = (iso: string): CivilDate => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return civilDate(y, m, d);
};
