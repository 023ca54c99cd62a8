export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** median, min, max and the spread (max − min) relative to the median */
export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  const med = median(v);
  const min = Math.min(...v);
  const max = Math.max(...v);
  return { median: med, min, max, n: v.length, spread: med ? (max - min) / med : 0 };
}
