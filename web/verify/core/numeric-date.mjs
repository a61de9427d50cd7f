// NumericDate bounds shared by the claims and the lists.

// Python's datetime range (years 1..9999): values outside it are malformed there too.
export const MIN_SECONDS = -62135596800;
export const MAX_SECONDS = 253402300799;
