/**
 * `hasChanged` for view-model properties: a row model is rebuilt on every update, but its
 * fields point at the same records until the server changes them, so comparing one level
 * deep lets an unchanged row skip its re-render.
 */
export function shallowChanged(next: unknown, prev: unknown): boolean {
  if (next === prev) return false;
  if (!next || !prev || typeof next !== 'object' || typeof prev !== 'object') return true;
  if (Array.isArray(next) !== Array.isArray(prev)) return true;
  const a = next as Record<string, unknown>;
  const b = prev as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return true;
  return keys.some((k) => a[k] !== b[k]);
}
