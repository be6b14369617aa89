/**
 * The one script of the print and admin pages, served as a file (`/assets/print-tools.js`) so
 * the Content-Security-Policy can forbid inline script. A page says what it needs in data
 * attributes: `data-print` on a button prints; `data-revoke-kind`/`data-revoke-id` withdraw
 * codes of the store on `<body data-store-id>` after `data-revoke-confirm`; `data-call="METHOD
 * url"` and `data-set-pin="url"` (asking `data-set-pin-prompt`) are the admin scan page's.
 */
export const PRINT_TOOLS_PATH = '/assets/print-tools.js';

export const PRINT_TOOLS_JS = `'use strict';
(() => {
  const page = document.body.dataset;
  const send = async (b, method, url, body) => {
    b.disabled = true;
    const r = await fetch(url, { method, credentials: 'same-origin', headers: body ? { 'Content-Type': 'application/json' } : {}, body });
    if (r.ok) location.reload();
    else { b.disabled = false; alert((await r.json().catch(() => ({}))).error?.message || r.statusText); }
  };
  document.addEventListener('click', (e) => {
    const b = e.target.closest('[data-print], [data-revoke-kind], button[data-call], button[data-set-pin]');
    if (!b) return;
    if (b.dataset.print !== undefined) return print();
    if (b.dataset.revokeKind) {
      if (!confirm(page.revokeConfirm)) return;
      return send(b, 'POST', '/api/stores/' + encodeURIComponent(page.storeId) + '/scan/revocations',
        JSON.stringify({ kind: b.dataset.revokeKind, id: b.dataset.revokeId }));
    }
    if (b.dataset.call) {
      const [method, url] = b.dataset.call.split(' ');
      return send(b, method, url);
    }
    const pin = prompt(page.setPinPrompt.replace('{name}', b.dataset.name));
    if (pin) return send(b, 'POST', b.dataset.setPin, JSON.stringify({ pin }));
  });
})();
`;
