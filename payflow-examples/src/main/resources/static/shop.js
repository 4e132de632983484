// The demo shop's checkout page: plain JavaScript against the shop's REST API, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const yuan = (fen) => '¥' + (fen / 100).toFixed(2);
// Statuses after which the order's flow has nothing more to show on this page.
const SETTLED = ['FULFILLING', 'PAYMENT_FAILED', 'CLOSED', 'REFUNDED'];

let order = null;      // the order being paid: {orderNo, totalAmount, ...}
let payment = null;    // the latest payment started: {paymentNo, params, ...}
let stream = null;     // the EventSource of the order's live status
let traceRenders = 0;  // mermaid needs a fresh element id per render

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

async function loadProducts() {
  const products = await api('GET', '/api/products');
  const rows = products.map((p) => `
    <tr>
      <td>${p.sku}</td><td>${p.name}</td><td>${yuan(p.price)}</td><td class="stock">${p.stock}</td>
      <td><input type="number" min="0" value="0" data-sku="${p.sku}" data-price="${p.price}"></td>
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
    say('Choose at least one product 请至少选择一件商品');
    return;
  }
  try {
    order = await api('POST', '/api/orders', { userId: $('user-id').value, items });
  } catch (e) {
    say('订单创建失败 / order not created: ' + e.message);
    return;
  }
  $('order').hidden = false;
  $('trace-card').hidden = true;
  $('order-no').textContent = order.orderNo;
  $('order-total').textContent = yuan(order.totalAmount);
  $('events').innerHTML = '';
  $('notifications').innerHTML = '';
  $('pay').disabled = false;
  showStatus(order.status);
  listen(order.orderNo);
  loadProducts();
}

function listen(orderNo) {
  if (stream) stream.close();
  stream = new EventSource(`/api/orders/${orderNo}/events`);
  stream.addEventListener('status', (event) => {
    const data = JSON.parse(event.data);
    logEvent(`status ${data.status}` + (data.cause ? ` (${data.cause})` : ''));
    showStatus(data.status);
    refresh();
  });
  stream.addEventListener('notification', (event) => {
    const data = JSON.parse(event.data);
    logEvent(`push ${data.type}: ${data.message}`);
    say(data.message, data.type === 'PAYMENT_SUCCEEDED' ? 'info' : '');
    refresh();
  });
}

function logEvent(text) {
  const item = document.createElement('li');
  item.textContent = new Date().toLocaleTimeString() + '  ' + text;
  $('events').appendChild(item);
}

function showStatus(status) {
  const badge = $('order-status');
  badge.textContent = status;
  badge.className = 'status ' + status;
  $('pay').disabled = status !== 'PENDING_PAYMENT';
}

// Re-reads the order (stock state, notifications) and, once settled, draws its trace.
async function refresh() {
  if (!order) return;
  const view = await api('GET', `/api/orders/${order.orderNo}`);
  showStatus(view.status);
  $('order-stock').textContent = view.stock.state;
  $('notifications').innerHTML = view.notifications
    .map((n) => `<li>${n.notifier}: ${n.type} — ${n.sent ? 'sent 已发送' : n.status}</li>`)
    .join('');
  await drawTrace();
  if (SETTLED.includes(view.status)) loadProducts();
}

async function drawTrace() {
  const source = await api('GET', `/api/orders/${order.orderNo}/trace`);
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
    payment = await api('POST', `/api/orders/${order.orderNo}/payments`, body);
  } catch (e) {
    say('支付失败，请重试 / payment could not start, please retry: ' + e.message);
    refresh();
    return;
  }
  $('sheet-amount').textContent = yuan(payment.amount);
  $('sheet-payment-no').textContent = payment.paymentNo;
  $('sheet-params').textContent = JSON.stringify(payment.params, null, 1);
  $('sheet').hidden = false;
  refresh();
}

// 用户完成支付: the simulator pays (or fails) and sends WeChat's signed callback to this shop.
async function finish(outcome) {
  $('sheet').hidden = true;
  try {
    await api('POST', `/simulator/payments/${payment.paymentNo}/${outcome}`);
    logEvent(`simulator: payment ${outcome === 'succeed' ? 'confirmed' : 'failed'}, callback sent`);
  } catch (e) {
    say(e.status === 404 || e.status === 405
      ? 'The simulator is off: pay with the WeChat app using the parameters shown. 模拟器已关闭，请使用微信支付。'
      : 'simulator: ' + e.message);
  }
}

$('place-order').addEventListener('click', placeOrder);
$('pay').addEventListener('click', pay);
$('sheet-confirm').addEventListener('click', () => finish('succeed'));
$('sheet-fail').addEventListener('click', () => finish('fail'));
$('sheet-close').addEventListener('click', () => { $('sheet').hidden = true; });
loadProducts().catch((e) => say('cannot load products: ' + e.message));
