// The demo shop's checkout page: plain JavaScript against the shop's REST API, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const yuan = (fen) => '¥' + (fen / 100).toFixed(2);
const PAYABLE = ['RESERVING', 'PENDING_PAYMENT'];
const REFUNDABLE = ['PAID', 'FULFILLING', 'PARTIALLY_REFUNDED'];
const ORDER_AGAIN = ['PAYMENT_FAILED', 'CLOSED'];
const ORDERS_PER_PAGE = 10;

let view = null;          // the order shown, as GET /api/orders/{orderNo} answered last
let payment = null;       // the payment started last: {paymentNo, params, ...}
let prepayRefused = false; // the last Pay got 微信下单失败: the button offers a retry
let stream = null;        // the EventSource of the order's live status
let events = [];          // the order's live events: {at, seq, text}, kept in the order they happened
let traceRenders = 0;     // mermaid needs a fresh element id per render
let ordersPage = 0;
let simulatorOn = true;
let refundableShown = null; // the refundable amount last put in the refund field

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
    const error = new Error((data && data.message) || response.statusText);
    error.status = response.status;
    error.code = data && data.code;
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
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function badge(status) {
  return `<span class="status ${escape(status)}">${escape(status)}</span> <span class="status-text">${escape(statusText(status))}</span>`;
}

async function loadProducts() {
  const products = await api('GET', '/api/products');
  const typed = {};
  document.querySelectorAll('#products input[data-sku]').forEach((input) => { typed[input.dataset.sku] = input.value; });
  const rows = products.map((p) => `
    <tr>
      <td>${escape(p.sku)}</td><td>${escape(p.name)}</td><td>${yuan(p.price)}</td><td class="stock">${p.stock}</td>
      <td><input type="number" min="0" value="${escape(typed[p.sku] || 0)}" data-sku="${escape(p.sku)}" data-price="${p.price}"></td>
    </tr>`);
  document.querySelector('#products tbody').innerHTML = rows.join('');
}

// 用户点击立即支付 → 前端提交订单: the prices sent are the ones shown, so a changed price is refused.
async function placeOrder() {
  say('');
  const items = [...document.querySelectorAll('#products input[data-sku]')]
    .filter((input) => Number(input.value) > 0)
    .map((input) => ({ sku: input.dataset.sku, quantity: Number(input.value), unitPrice: Number(input.dataset.price) }));
  if (items.length === 0) {
    say(t('msg.chooseProduct'));
    return;
  }
  if (await createOrder({ userId: $('user-id').value, items })) {
    document.querySelectorAll('#products input[data-sku]').forEach((input) => { input.value = 0; });
  }
}

async function createOrder(body) {
  let created;
  try {
    created = await api('POST', '/api/orders', body);
  } catch (e) {
    say(t('msg.notCreated', { reason: e.message }));
    return false;
  }
  await openOrder(created.orderNo);
  loadProducts();
  loadOrders(0);
  return true;
}

// Shows an order (a new one, or one picked from the list) and follows it live.
async function openOrder(orderNo) {
  view = await api('GET', `/api/orders/${orderNo}`);
  payment = null;
  prepayRefused = false;
  refundableShown = null;
  events = [];
  $('trace-card').hidden = true;
  $('order').hidden = false;
  renderOrder();
  listen(orderNo);
  $('order').scrollIntoView({ behavior: 'instant', block: 'start' });
  drawTrace().catch(() => {});
}

function listen(orderNo) {
  if (stream) stream.close();
  stream = new EventSource(`/api/orders/${orderNo}/events`);
  const on = (name, describe) => stream.addEventListener(name, (event) => {
    const data = JSON.parse(event.data);
    if (!view || data.orderNo !== view.orderNo) return;
    addEvent(data.at, data.seq, describe(data));
    if (name === 'notification') {
      say(t('push.' + data.type, { orderNo: data.orderNo }), data.type === 'PAYMENT_FAILED' ? '' : 'info');
    }
    refresh();
  });
  on('status', (d) => `status ${d.status}` + (d.cause ? ` (${d.cause})` : '') + ` — ${statusText(d.status)}`);
  on('payment', (d) => `payment ${d.paymentNo} ${d.status} (${d.cause}) — ${statusText(d.status)}`);
  on('refund', (d) => `refund ${d.refundNo} ${d.status} ${yuan(d.amount)} — ${statusText(d.status)}`
    + (d.failureReason ? ` [${d.failureReason}]` : ''));
  on('notification', (d) => `push ${d.type}: ${t('push.' + d.type, { orderNo: d.orderNo })}`);
  on('effect', (d) => `effect ${d.type} ${d.status} (${d.attempts}): ${d.error}`);
  on('late-payment', (d) => `late payment ${d.paymentNo}` + (d.refundNo ? ` → refund ${d.refundNo}` : ''));
}

// Events come from several of payflow's threads; each says when it happened, and the list is kept
// in that order (then by the order the shop sent them), whatever order they arrived in.
function addEvent(at, seq, text) {
  events.push({ at: at || new Date().toISOString(), seq: seq == null ? Number.MAX_SAFE_INTEGER : seq, text });
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
  renderEvents();
}

function renderEvents() {
  $('events').innerHTML = events
    .map((e) => `<li><time>${escape(new Date(e.at).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }))}</time> ${escape(e.text)}</li>`)
    .join('');
}

// Re-reads the order (payments, refunds, stock, notifications) and draws its trace. Calls that
// arrive while one is running are folded into one more run.
let refreshing = null;
let refreshAgain = false;
function refresh() {
  if (!view) return Promise.resolve();
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const before = view.status;
      view = await api('GET', `/api/orders/${view.orderNo}`);
      renderOrder();
      await drawTrace();
      if (before !== view.status) {
        loadProducts();
        loadOrders(ordersPage);
      }
    } while (refreshAgain);
  })().catch((e) => say(t('msg.failed', { reason: e.message }))).finally(() => { refreshing = null; });
  return refreshing;
}

function renderOrder() {
  if (!view) return;
  const status = view.status;
  $('order-no').textContent = view.orderNo;
  const badgeEl = $('order-status');
  badgeEl.textContent = status;
  badgeEl.className = 'status ' + status;
  $('order-status-text').textContent = statusText(status);
  $('order-total').textContent = yuan(view.totalAmount);
  $('order-refunded').textContent = yuan(view.refundedAmount);
  $('order-stock').textContent = view.stock.state;
  $('order-stock-text').textContent = statusText(view.stock.state);

  const payable = PAYABLE.includes(status);
  $('pay-row').hidden = !payable;
  $('pay').disabled = status !== 'PENDING_PAYMENT';
  $('pay').textContent = t(prepayRefused ? 'pay.retry' : 'pay');
  $('cancel').disabled = !payable;

  $('again-row').hidden = !ORDER_AGAIN.includes(status);
  $('again-hint').textContent = ORDER_AGAIN.includes(status) ? t('again.hint.' + status) : '';

  const refundable = view.totalAmount - view.refundedAmount;
  $('refund-row').hidden = !REFUNDABLE.includes(status) || refundable <= 0;
  if (refundable !== refundableShown) {
    $('refund-amount').value = (refundable / 100).toFixed(2);
    $('refund-amount').max = (refundable / 100).toFixed(2);
    refundableShown = refundable;
  }
  if (!$('refund-reason').value) $('refund-reason').placeholder = t('refund.reason.default');

  setHtml('#payments tbody', view.payments.map((p) => `
    <tr data-payment="${escape(p.paymentNo)}">
      <td><code>${escape(p.paymentNo)}</code></td><td>${escape(p.tradeType)}</td>
      <td>${badge(p.status)}${p.failureCode ? ` <small>${escape(p.failureCode)}</small>` : ''}</td>
      <td class="sim-only">${['PREPAID', 'UNKNOWN', 'SUCCEEDED', 'FAILED'].includes(p.status)
        ? `<button class="ghost small sim-callback" data-payment="${escape(p.paymentNo)}">${escape(t('sim.callback'))}</button>` : ''}</td>
    </tr>`).join(''));

  setHtml('#refunds tbody', view.refunds.map((r) => `
    <tr data-refund="${escape(r.refundNo)}">
      <td><code>${escape(r.refundNo)}</code></td><td>${yuan(r.amount)}</td>
      <td class="refund-status">${badge(r.status)}${r.failureReason ? ` <small>${escape(r.failureReason)}</small>` : ''}</td>
      <td class="sim-only">${r.status === 'PROCESSING'
        ? ['succeed', 'abnormal', 'closed'].map((o) =>
          `<button class="ghost small sim-refund" data-refund="${escape(r.refundNo)}" data-outcome="${o}">${escape(t('sim.refund.' + o))}</button>`).join(' ')
        : ''}</td>
    </tr>`).join(''));

  setHtml('#notifications', view.notifications
    .map((n) => `<li>${escape(n.notifier)}: ${escape(n.type)} — ${n.sent ? escape(t('sent')) : badge(n.status)}</li>`)
    .join(''));
  document.body.classList.toggle('simulator-off', !simulatorOn);
}

// Redraws a part of the page only when it changed, so that a button stays the one the buyer aims at.
const drawn = new Map();
function setHtml(selector, html) {
  if (drawn.get(selector) === html) return;
  drawn.set(selector, html);
  document.querySelector(selector).innerHTML = html;
}

async function drawTrace() {
  if (!view) return;
  const source = await api('GET', `/api/orders/${view.orderNo}/trace`);
  $('trace-source').textContent = source;
  const { svg } = await mermaid.render('trace-svg-' + ++traceRenders, source);
  $('trace').innerHTML = svg;
  $('trace-card').hidden = false;
}

// 发起支付请求 → 返回支付参数 → 调起微信支付 (here: the simulated payment sheet).
async function pay() {
  say('');
  const method = $('pay-method').value;
  const body = { channel: method };
  if (method === 'WECHAT_JSAPI') body.openId = $('open-id').value;
  try {
    payment = await api('POST', `/api/orders/${view.orderNo}/payments`, body);
    prepayRefused = false;
  } catch (e) {
    // 微信下单失败 → 提示支付失败，请重试: the order stays payable and a retry gets a new payment number.
    prepayRefused = e.code === 'PREPAY_FAILED';
    say(prepayRefused ? t('msg.prepayFailed', { reason: e.message }) : t('msg.failed', { reason: e.message }));
    refresh();
    return;
  }
  openSheet(payment);
  refresh();
}

function openSheet(p) {
  $('sheet-amount').textContent = yuan(p.amount);
  $('sheet-payment-no').textContent = p.paymentNo;
  const codeUrl = p.params.code_url;
  const h5Url = p.params.h5_url;
  $('sheet-qr-box').hidden = !codeUrl;
  if (codeUrl) {
    $('sheet-qr').src = `/api/orders/${p.orderNo}/payments/${p.paymentNo}/qr`;
    $('sheet-code-url').textContent = codeUrl;
  }
  $('sheet-h5-box').hidden = !h5Url;
  if (h5Url) $('sheet-h5').href = h5Url;
  $('sheet-params').hidden = Boolean(codeUrl || h5Url);
  $('sheet-params').textContent = JSON.stringify(p.params, null, 1);
  const sheet = $('sheet');
  if (!sheet.open) sheet.showModal();
  $('sheet-confirm').focus();
}

// 用户完成支付: the simulator pays (or fails) and sends WeChat's signed callback to this shop.
async function finish(outcome) {
  $('sheet').close();
  const path = {
    succeed: 'succeed?callbacks=1', twice: 'succeed?callbacks=2', silent: 'succeed?callbacks=0', fail: 'fail?callbacks=1',
  }[outcome];
  try {
    await api('POST', `/simulator/payments/${payment.paymentNo}/${path}`);
    addEvent(null, null, outcome === 'fail' ? t('log.simulator.fail')
      : outcome === 'silent' ? t('log.simulator.silent')
        : t('log.simulator.succeed', { n: outcome === 'twice' ? 2 : 1 }));
    if (outcome === 'silent') say(t('msg.silent'), 'info');
  } catch (e) {
    simulatorFailed(e);
  }
}

function simulatorFailed(e) {
  if (e.status === 404 && !e.code) {
    simulatorOn = false;
    say(t('msg.simOff'));
    renderOrder();
  } else {
    say('simulator: ' + e.message);
  }
}

async function failNextPrepay() {
  const channel = $('pay-method').value;
  try {
    await api('POST', `/simulator/prepays/fail-next?channel=${channel}`);
    addEvent(null, null, t('log.simulator.failPrepay', { channel }));
  } catch (e) {
    simulatorFailed(e);
  }
}

async function cancelOrder() {
  say('');
  try {
    view = await api('POST', `/api/orders/${view.orderNo}/cancel`, {});
    if (view.status === 'CLOSED') say(t('msg.cancelled', { orderNo: view.orderNo }), 'info');
  } catch (e) {
    say(t('msg.failed', { reason: e.message }));
  }
  renderOrder();
  refresh();
  loadProducts();
}

async function orderAgain() {
  say('');
  await createOrder({ userId: view.userId, items: view.items });
}

async function refund() {
  say('');
  const amount = Math.round(Number($('refund-amount').value) * 100);
  const reason = $('refund-reason').value || t('refund.reason.default');
  try {
    const r = await api('POST', `/api/orders/${view.orderNo}/refunds`, { amount, reason });
    say(t('msg.refundAsked', { refundNo: r.refundNo, amount: yuan(r.amount) }), 'info');
  } catch (e) {
    say(t('msg.failed', { reason: e.message }));
  }
  refresh();
}

async function simulate(button) {
  try {
    if (button.classList.contains('sim-callback')) {
      await api('POST', `/simulator/payments/${button.dataset.payment}/callback`);
      addEvent(null, null, t('log.simulator.callback'));
    } else {
      const { refund: refundNo, outcome } = button.dataset;
      await api('POST', `/simulator/refunds/${refundNo}/${outcome}`);
      addEvent(null, null, t('log.simulator.refund', { refundNo, outcome: t('sim.refund.' + outcome) }));
    }
  } catch (e) {
    simulatorFailed(e);
  }
}

async function loadOrders(page) {
  const answer = await api('GET', `/api/orders?page=${page}&size=${ORDERS_PER_PAGE}`);
  ordersPage = answer.page;
  const rows = answer.orders.map((o) => `
    <tr>
      <td><button class="link open-order" data-order="${escape(o.orderNo)}">${escape(o.orderNo)}</button></td>
      <td>${escape(new Date(o.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }))}</td>
      <td>${escape(o.userId)}</td><td>${o.items}</td><td>${yuan(o.totalAmount)}</td><td>${yuan(o.refundedAmount)}</td>
      <td>${badge(o.status)}</td>
    </tr>`);
  document.querySelector('#orders tbody').innerHTML = rows.length
    ? rows.join('') : `<tr><td colspan="7">${escape(t('orders.none'))}</td></tr>`;
  $('orders-page').textContent = t('orders.page', { page: ordersPage + 1 });
  $('orders-prev').disabled = ordersPage === 0;
  $('orders-next').disabled = !answer.hasMore;
}

function renderAll() {
  renderOrder();
  renderEvents();
  loadOrders(ordersPage);
}

$('place-order').addEventListener('click', placeOrder);
$('pay').addEventListener('click', pay);
$('cancel').addEventListener('click', cancelOrder);
$('sim-fail-prepay').addEventListener('click', failNextPrepay);
$('order-again').addEventListener('click', orderAgain);
$('refund').addEventListener('click', refund);
$('sheet-confirm').addEventListener('click', () => finish('succeed'));
$('sheet-twice').addEventListener('click', () => finish('twice'));
$('sheet-silent').addEventListener('click', () => finish('silent'));
$('sheet-fail').addEventListener('click', () => finish('fail'));
$('sheet-close').addEventListener('click', () => $('sheet').close());
$('lang-toggle').addEventListener('click', () => toggleLanguage(renderAll));
// Only a JSAPI payment (公众号/小程序) names its payer by openid.
$('pay-method').addEventListener('change', () => { $('open-id-label').hidden = $('pay-method').value !== 'WECHAT_JSAPI'; });
$('orders-prev').addEventListener('click', () => loadOrders(Math.max(0, ordersPage - 1)));
$('orders-next').addEventListener('click', () => loadOrders(ordersPage + 1));
document.addEventListener('click', (event) => {
  const target = event.target.closest('button');
  if (!target) return;
  if (target.classList.contains('open-order')) openOrder(target.dataset.order);
  if (target.classList.contains('sim-callback') || target.classList.contains('sim-refund')) simulate(target);
});

// A page kept in the back-forward cache would hold its event stream, one of the browser's few
// connections to the shop: close it on leaving and open it again on coming back.
window.addEventListener('pagehide', () => { if (stream) stream.close(); });
window.addEventListener('pageshow', (event) => { if (event.persisted && view) openOrder(view.orderNo); });

translatePage();
fetch('/simulator').then((r) => { simulatorOn = r.ok; document.body.classList.toggle('simulator-off', !simulatorOn); });
loadProducts().catch((e) => say(t('msg.noProducts', { reason: e.message })));
loadOrders(0).catch(() => {});
