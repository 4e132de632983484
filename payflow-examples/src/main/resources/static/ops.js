// The operator's console: plain JavaScript over payflow's Actuator endpoint (/actuator/payflow).
'use strict';

const $ = (id) => document.getElementById(id);
const yuan = (fen) => '¥' + (fen / 100).toFixed(2);
const ENDPOINT = '/actuator/payflow';
const REFRESH_MS = 2000;

let overview = null;   // the last GET /actuator/payflow
let shownOrder = null; // the order number in the trace viewer
let traceRenders = 0;

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const data = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) {
    const error = new Error((data && (data.message || data.error)) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function say(text, kind) {
  const box = $('message');
  box.textContent = text;
  box.className = 'message' + (kind ? ' ' + kind : '');
  box.hidden = !text;
}

function escape(text) {
  return String(text == null ? '' : text)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function badge(status) {
  return `<span class="status ${escape(status)}">${escape(status)}</span> <span class="status-text">${escape(statusText(status))}</span>`;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }) : '';
}

function waited(seconds) {
  if (seconds < 60) return t('ops.seconds', { n: seconds });
  if (seconds < 3600) return t('ops.minutes', { n: Math.floor(seconds / 60) });
  return t('ops.hours', { n: (seconds / 3600).toFixed(1) });
}

function orderLink(orderNo) {
  return `<button class="link show-order" data-order="${escape(orderNo)}">${escape(orderNo)}</button>`;
}

const drawn = new Map();
function setHtml(selector, html) {
  if (drawn.get(selector) === html) return;
  drawn.set(selector, html);
  document.querySelector(selector).innerHTML = html;
}

async function load() {
  try {
    overview = await api('GET', ENDPOINT);
  } catch (e) {
    say(t('ops.unreachable', { reason: e.message }));
    return;
  }
  render();
  if (shownOrder) showOrder(shownOrder, true);
}

function render() {
  if (!overview) return;
  $('store').textContent = overview.store;
  $('read-at').textContent = time(overview.at);
  for (const kind of ['orders', 'payments', 'refunds', 'effects']) {
    setHtml(`#counts-${kind} tbody`, Object.entries(overview.counts[kind])
      .map(([status, n]) => `<tr class="${n === 0 ? 'zero' : ''}" data-status="${escape(status)}">
        <td>${badge(status)}</td><td class="count">${n}</td></tr>`).join(''));
  }
  setHtml('#dead tbody', overview.deadEffects.length === 0
    ? `<tr><td colspan="6" class="muted">${escape(t('ops.none'))}</td></tr>`
    : overview.deadEffects.map((e) => `
      <tr data-effect="${escape(e.id)}">
        <td><strong>${escape(e.type)}</strong>${e.target ? ' · ' + escape(e.target) : ''}<br><small><code>${escape(e.id)}</code></small></td>
        <td>${orderLink(e.orderNo)}</td><td>${e.attempts}</td>
        <td class="error">${escape(e.lastError)}</td><td>${escape(time(e.updatedAt))}</td>
        <td><button class="retry" data-effect="${escape(e.id)}">${escape(t('ops.retry'))}</button></td>
      </tr>`).join(''));
  const awaiting = (rows) => (rows.length === 0
    ? `<tr><td colspan="4" class="muted">${escape(t('ops.none'))}</td></tr>`
    : rows.map((w) => `
      <tr class="${w.overdue ? 'overdue' : ''}">
        <td><code>${escape(w.number)}</code><br>${orderLink(w.orderNo)}</td><td>${badge(w.status)}</td>
        <td>${yuan(w.amount)}</td>
        <td>${escape(waited(w.waitingSeconds))}${w.overdue ? ` <span class="badge">${escape(t('ops.overdue'))}</span>` : ''}</td>
      </tr>`).join(''));
  setHtml('#awaiting-payments tbody', awaiting(overview.awaitingPayments));
  setHtml('#awaiting-refunds tbody', awaiting(overview.awaitingRefunds));
}

async function retry(effectId) {
  say('');
  try {
    const answer = await api('POST', ENDPOINT, { effectId });
    say(t(answer.retried ? 'ops.retried' : 'ops.notRetried', { effectId }), answer.retried ? 'info' : '');
  } catch (e) {
    say(t('msg.failed', { reason: e.message }));
  }
  await load();
  if (shownOrder) showOrder(shownOrder, true);
}

// The order's own sequence diagram: the reference diagram's picture, for a real order.
// Called again on every refresh (quietly): the viewer follows the order as it moves.
async function showOrder(orderNo, quietly) {
  orderNo = orderNo.trim();
  if (!orderNo) return;
  if (!quietly) $('trace-order').value = orderNo;
  let report;
  try {
    report = await api('GET', `${ENDPOINT}/${encodeURIComponent(orderNo)}`);
  } catch (e) {
    if (!quietly) say(e.status === 404 ? t('ops.noOrder', { orderNo }) : t('msg.failed', { reason: e.message }));
    return;
  }
  if (!quietly) say('');
  shownOrder = orderNo;
  const o = report.order;
  const effects = report.effects.map((e) => `${e.type}${e.target ? '·' + e.target : ''} ${e.status}`).join(', ');
  $('order-facts').innerHTML = `
    <span>${escape(t('order.status'))}: <strong id="viewer-status">${escape(o.status)}</strong> ${escape(statusText(o.status))}</span>
    <span>${escape(t('order.total'))}: <strong>${yuan(o.totalAmount)}</strong></span>
    <span>${escape(t('order.refunded'))}: <strong>${yuan(o.refundedAmount)}</strong></span>
    <span>${escape(t('ops.payments'))}: ${report.payments.map((p) => escape(p.paymentNo + ' ' + p.status)).join(', ') || '—'}</span>
    <span>${escape(t('ops.effects'))}: <span id="viewer-effects">${escape(effects) || '—'}</span></span>`;
  $('order-facts').hidden = false;
  $('trace-details').hidden = false;
  if ($('trace-source').textContent === report.trace && $('trace').innerHTML) return;
  $('trace-source').textContent = report.trace;
  const { svg } = await mermaid.render('ops-trace-' + ++traceRenders, report.trace);
  $('trace').innerHTML = svg;
}

async function loadSwitches() {
  const state = await api('GET', '/demo/sms-gateway');
  $('sms-down').checked = state.down;
}

async function setSmsDown() {
  const state = await api('PUT', '/demo/sms-gateway', { down: $('sms-down').checked });
  $('sms-down').checked = state.down;
}

$('lang-toggle').addEventListener('click', () => toggleLanguage(() => { drawn.clear(); render(); if (shownOrder) showOrder(shownOrder); }));
$('show-trace').addEventListener('click', () => showOrder($('trace-order').value));
$('trace-order').addEventListener('keydown', (e) => { if (e.key === 'Enter') showOrder($('trace-order').value); });
$('sms-down').addEventListener('change', setSmsDown);
document.addEventListener('click', (event) => {
  const target = event.target.closest('button');
  if (!target) return;
  if (target.classList.contains('retry')) retry(target.dataset.effect);
  if (target.classList.contains('show-order')) {
    showOrder(target.dataset.order);
    $('viewer').scrollIntoView({ behavior: 'instant', block: 'start' });
  }
});

translatePage();
loadSwitches().catch(() => {});
load();
setInterval(load, REFRESH_MS);
const asked = new URLSearchParams(location.search).get('order');
if (asked) showOrder(asked);
