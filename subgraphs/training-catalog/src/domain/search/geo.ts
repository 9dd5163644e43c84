const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Half a degree: a cell is ~55 km high, so a 200 km radius reads at most a few dozen cells. */
export const CELL_DEGREES = 0.5;

export const cellKey = (latitude: number, longitude: number): string =>
  `${Math.floor(latitude / CELL_DEGREES)}:${Math.floor(longitude / CELL_DEGREES)}`;

/** Keys of every grid cell that the circle's bounding box touches. */
export function cellsAround(latitude: number, longitude: number, radiusKm: number): string[] {
  const dLat = radiusKm / 111.2;
  const dLon = radiusKm / (111.2 * Math.max(0.05, Math.cos(toRadians(latitude))));
  const keys: string[] = [];
  for (let row = Math.floor((latitude - dLat) / CELL_DEGREES); row <= Math.floor((latitude + dLat) / CELL_DEGREES); row += 1) {
    for (let column = Math.floor((longitude - dLon) / CELL_DEGREES); column <= Math.floor((longitude + dLon) / CELL_DEGREES); column += 1) {
      keys.push(`${row}:${column}`);
    }
  }
  return keys;
}
