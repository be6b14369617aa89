/**
 * The one script of the print and admin pages, served as a file (`/assets/print-tools.js`) so
 * the Content-Security-Policy can forbid inline script. A page says what it needs in data
 * attributes: `data-print` on a button prints; `data-revoke-kind`/`data-revoke-id` withdraw
 * codes of the store on `<body data-store-id>` after `data-revoke-confirm`; `data-call="METHOD
 * url"` (after `data-confirm`, if given) and `data-set-pin="url"` (asking `data-set-pin-prompt`) are
 * the admin pages'; `form[data-json-form="METHOD url"]` posts a form as JSON (checkboxes of one
 * name as a list; with `data-omit-empty`, empty fields and lists are left out) and `data-link-call`
 * posts `data-body` (as does `data-call` when it has one): a one-time link they answer is shown in
 * `#link-output` (/admin/people), a webhook secret in `#secret-output` (/admin/webhooks).
 */
export const PRINT_TOOLS_PATH = '/assets/print-tools.js';

export const PRINT_TOOLS_JS = `'use strict';
(() => {
  const page = document.body.dataset;
  const call = async (b, method, url, body) => {
    b.disabled = true;
    const r = await fetch(url, { method, credentials: 'same-origin', headers: body ? { 'Content-Type': 'application/json' } : {}, body });
    if (r.ok) return r.status === 204 ? {} : r.json();
    b.disabled = false;
    alert((await r.json().catch(() => ({}))).error?.message || r.statusText);
    return undefined;
  };
  const send = async (b, method, url, body) => { if (await call(b, method, url, body)) location.reload(); };
  // A one-time link the API answered: its QR code (SVG from our own server) and its text.
  const showLink = (d) => {
    const out = document.getElementById('link-output');
    out.querySelector('[data-link-title]').textContent = out.querySelector('[data-link-title]').dataset.template.replace('{name}', d.name);
    out.querySelector('[data-link-url]').textContent = d.url;
    const qr = out.querySelector('[data-link-qr]');
    qr.replaceChildren(document.importNode(new DOMParser().parseFromString(d.qrSvg, 'image/svg+xml').documentElement, true));
    out.hidden = false;
    out.scrollIntoView({ block: 'center' });
  };
  // A webhook secret, shown once (/admin/webhooks): the page reloads only when it is dismissed.
  const showSecret = (d) => {
    const out = document.getElementById('secret-output');
    out.querySelector('[data-secret]').textContent = d.secret;
    out.hidden = false;
    out.scrollIntoView({ block: 'center' });
  };
  document.addEventListener('submit', async (e) => {
    const form = e.target.closest('form[data-json-form]');
    if (!form) return;
    e.preventDefault();
    const [method, url] = form.dataset.jsonForm.split(' ');
    const body = {};
    const omit = form.dataset.omitEmpty !== undefined;
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') { body[el.name] = body[el.name] || []; if (el.checked) body[el.name].push(el.value); }
      else if (!(omit && el.value === '')) body[el.name] = el.value;
    }
    if (omit) for (const k of Object.keys(body)) if (Array.isArray(body[k]) && !body[k].length) delete body[k];
    const d = await call(form.querySelector('button[type=submit]'), method, url, JSON.stringify(body));
    if (d && d.data && d.data.secret) showSecret(d.data);
    else if (d && d.data && d.data.url) showLink(d.data);
    else if (d) location.reload();
  });
  document.addEventListener('click', async (e) => {
    const b = e.target.closest('[data-print], [data-revoke-kind], button[data-call], button[data-set-pin], button[data-link-call], button[data-reload]');
    if (!b) return;
    if (b.dataset.print !== undefined) return print();
    if (b.dataset.reload !== undefined) return location.reload();
    if (b.dataset.confirm && !confirm(b.dataset.confirm)) return;
    if (b.dataset.revokeKind) {
      if (!confirm(page.revokeConfirm)) return;
      return send(b, 'POST', '/api/stores/' + encodeURIComponent(page.storeId) + '/scan/revocations',
        JSON.stringify({ kind: b.dataset.revokeKind, id: b.dataset.revokeId }));
    }
    if (b.dataset.linkCall) {
      const [method, url] = b.dataset.linkCall.split(' ');
      const d = await call(b, method, url, b.dataset.body);
      if (d) { b.disabled = false; showLink(d.data); }
      return;
    }
    if (b.dataset.call) {
      const [method, url] = b.dataset.call.split(' ');
      return send(b, method, url, b.dataset.body);
    }
    const pin = prompt(page.setPinPrompt.replace('{name}', b.dataset.name));
    if (pin) return send(b, 'POST', b.dataset.setPin, JSON.stringify({ pin }));
  });
})();
`;
