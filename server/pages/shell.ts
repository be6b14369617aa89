/** The HTML shell every page shares: one top-level element and its bundle. */
export interface PageSpec {
  title: string;
  /** Bundle name under /assets (see scripts/build.ts PAGES). */
  bundle: string;
  /** The page's top-level custom element. */
  element: string;
  attrs?: Record<string, string | undefined>;
  lang?: string;
  /** Viewport: wall boards are fixed-size screens; phones want device width. */
  mobile?: boolean;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const pageHtml = (spec: PageSpec, version: string): string => {
  const attrs = Object.entries(spec.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeHtml(v!)}"`)
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(spec.lang ?? 'zh-CN')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1${spec.mobile ? '' : ', user-scalable=no'}">
<meta name="tw-version" content="${escapeHtml(version)}">
<title>${escapeHtml(spec.title)}</title>
<style>
  html, body { margin: 0; height: 100%; background: #0b1220; color: #f1f5f9; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
</style>
<script type="module" src="/assets/${escapeHtml(spec.bundle)}.js?v=${encodeURIComponent(version)}"></script>
</head>
<body><${spec.element}${attrs}></${spec.element}></body>
</html>`;
};
