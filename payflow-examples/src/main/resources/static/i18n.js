// The demo's words in English and Chinese. The page language comes from ?lang=zh|en, then the
// last choice made with the toggle, then the browser's language. Status codes (PAID, FULFILLING…)
// stay as payflow names them, with their meaning beside them in the page language.
'use strict';

const I18N = {
  en: {
    'ops.title': 'payflow ops console',
    'ops.intro': 'What payflow\'s store holds, read live from the payflow Actuator endpoint: counts, dead effects to retry, work awaiting a result, and any order\'s sequence diagram.',
    'ops.shop': 'Shop',
    'ops.counts': 'Counts by status',
    'ops.store': 'store',
    'ops.orders': 'Orders', 'ops.payments': 'Payments', 'ops.refunds': 'Refunds', 'ops.effects': 'Effects',
    'ops.dead': 'Dead effects',
    'ops.dead.hint': 'Side effects that failed their last attempt. Fix the cause, then retry: the effect runs again with its own idempotency key.',
    'ops.effect': 'Effect', 'ops.attempts': 'Attempts', 'ops.lastError': 'Last error', 'ops.updated': 'Updated',
    'ops.retry': 'Retry',
    'ops.retried': 'Effect {effectId} is queued again.',
    'ops.notRetried': 'Effect {effectId} was not dead any more.',
    'ops.none': 'None.',
    'ops.awaiting': 'Awaiting a result',
    'ops.awaiting.hint': 'Payments and refunds WeChat has not settled yet, oldest first. Overdue: waited longer than payflow.reconcile.query-after, after which payflow asks WeChat.',
    'ops.waiting': 'Waiting', 'ops.overdue': 'overdue',
    'ops.seconds': '{n} s', 'ops.minutes': '{n} min', 'ops.hours': '{n} h',
    'ops.viewer': 'Trace viewer',
    'ops.show': 'Show',
    'ops.noOrder': 'No order {orderNo}.',
    'ops.switches': 'Demo switches',
    'ops.smsDown': 'SMS gateway down: every text fails, and after 3 attempts its effect is dead',
    'ops.unreachable': 'Cannot read /actuator/payflow: {reason}',
    'title': 'payflow demo shop',
    'intro': 'Pick some tea, place the order, pay it with WeChat Pay, and watch the order move through the payment flow live.',
    'lang.toggle': '中文',
    'nav.orders': 'Orders',
    'nav.ops': 'Ops console',
    'products.title': '1. Products',
    'products.sku': 'SKU', 'products.name': 'Product', 'products.price': 'Price', 'products.stock': 'Stock', 'products.qty': 'Qty',
    'user': 'User',
    'place': 'Place order',
    'order.title': '2. Order',
    'order.status': 'Status', 'order.total': 'Total', 'order.refunded': 'Refunded', 'order.stock': 'Stock',
    'pay.with': 'Pay with',
    'pay': 'Pay with WeChat',
    'pay.retry': 'Retry payment',
    'cancel': 'Cancel order',
    'again': 'Order again',
    'again.hint.PAYMENT_FAILED': 'The payment failed and the items are back on sale. Order the same again?',
    'again.hint.CLOSED': 'This order is closed. Order the same again?',
    'refund.title': 'Refund',
    'refund.amount': 'Amount (¥)',
    'refund.reason': 'Reason',
    'refund.reason.default': 'not as described',
    'refund': 'Refund',
    'refund.all': 'all that is left',
    'payments.title': 'Payments',
    'payments.no': 'Payment no.', 'payments.kind': 'Kind', 'payments.amount': 'Amount', 'payments.status': 'Status',
    'refunds.title': 'Refunds',
    'refunds.no': 'Refund no.', 'refunds.reason': 'Reason',
    'sim.column': 'Simulator',
    'sim.callback': 'Send callback now',
    'sim.failPrepay': 'Simulator: WeChat refuses the next prepay',
    'log.simulator.failPrepay': 'simulator: WeChat will refuse the next {channel} prepay',
    'sim.refund.succeed': 'Succeeds', 'sim.refund.abnormal': 'Abnormal', 'sim.refund.closed': 'Closed',
    'events.title': 'Live events',
    'notifications.title': 'Notifications sent',
    'trace.title': '3. What happened',
    'trace.source': 'Mermaid source',
    'orders.title': 'Orders',
    'orders.no': 'Order no.', 'orders.time': 'Created', 'orders.user': 'User', 'orders.items': 'Items',
    'orders.prev': '‹ Newer', 'orders.next': 'Older ›', 'orders.page': 'page {page}', 'orders.none': 'No orders yet.',
    'sheet.title': 'WeChat Pay', 'sheet.simulated': 'simulated',
    'sheet.payment': 'payment',
    'sheet.scan': 'Scan with WeChat to pay',
    'sheet.h5': 'Open the WeChat Pay page',
    'sheet.confirm': 'Confirm payment',
    'sheet.twice': 'Pay, callback twice',
    'sheet.silent': 'Pay, no callback',
    'sheet.fail': 'Fail payment',
    'sheet.close': 'close',
    'sent': 'sent',
    'msg.chooseProduct': 'Choose at least one product.',
    'msg.notCreated': 'Order not created: {reason}',
    'msg.prepayFailed': 'WeChat Pay could not start the payment, please retry: {reason}',
    'msg.failed': 'Failed: {reason}',
    'msg.cancelled': 'Order {orderNo} is cancelled; its stock is back on sale.',
    'msg.refundAsked': 'Refund {refundNo} of {amount} asked; WeChat answers shortly.',
    'msg.silent': 'Paid at WeChat, but no callback: payflow will query WeChat within seconds (reconciliation).',
    'msg.simOff': 'The simulator is off: pay with the WeChat app using the parameters shown.',
    'msg.noProducts': 'Cannot load products: {reason}',
    'push.PAYMENT_SUCCEEDED': 'Order {orderNo} is paid and will ship soon.',
    'push.PAYMENT_FAILED': 'Payment of order {orderNo} failed; the items are back on sale.',
    'push.ORDER_CLOSED': 'Order {orderNo} was closed.',
    'push.REFUNDED': 'Order {orderNo} was refunded.',
    'log.simulator.succeed': 'simulator: payment confirmed, {n} callback(s) sent',
    'log.simulator.silent': 'simulator: payment confirmed, no callback sent',
    'log.simulator.fail': 'simulator: payment failed, callback sent',
    'log.simulator.callback': 'simulator: callback sent late',
    'log.simulator.refund': 'simulator: refund {refundNo} {outcome}, notification sent',
  },
  zh: {
    'ops.title': 'payflow 运维控制台',
    'ops.intro': '实时读取 payflow Actuator 端点中存储的数据：状态统计、可重试的失败副作用、等待结果的支付与退款，以及任意订单的时序图。',
    'ops.shop': '商店',
    'ops.counts': '状态统计',
    'ops.store': '存储',
    'ops.orders': '订单', 'ops.payments': '支付单', 'ops.refunds': '退款单', 'ops.effects': '副作用',
    'ops.dead': '失败的副作用',
    'ops.dead.hint': '最后一次尝试仍然失败的副作用。排除原因后重试：副作用会以自己的幂等键再执行一次。',
    'ops.effect': '副作用', 'ops.attempts': '尝试次数', 'ops.lastError': '最后的错误', 'ops.updated': '更新时间',
    'ops.retry': '重试',
    'ops.retried': '副作用 {effectId} 已重新排队。',
    'ops.notRetried': '副作用 {effectId} 已不是失败状态。',
    'ops.none': '无。',
    'ops.awaiting': '等待结果',
    'ops.awaiting.hint': '微信尚未给出结果的支付单和退款单，最早的在前。超时：等待超过 payflow.reconcile.query-after，payflow 此后会主动查单。',
    'ops.waiting': '已等待', 'ops.overdue': '超时',
    'ops.seconds': '{n} 秒', 'ops.minutes': '{n} 分钟', 'ops.hours': '{n} 小时',
    'ops.viewer': '时序图查看',
    'ops.show': '查看',
    'ops.noOrder': '没有订单 {orderNo}。',
    'ops.switches': '演示开关',
    'ops.smsDown': '短信网关故障：所有短信发送失败，尝试 3 次后副作用变为失败',
    'ops.unreachable': '无法读取 /actuator/payflow：{reason}',
    'title': 'payflow 演示商店',
    'intro': '选购茶品，提交订单，用微信支付付款，实时查看订单在支付流程中的每一步。',
    'lang.toggle': 'English',
    'nav.orders': '订单列表',
    'nav.ops': '运维控制台',
    'products.title': '1. 商品',
    'products.sku': '编号', 'products.name': '商品', 'products.price': '价格', 'products.stock': '库存', 'products.qty': '数量',
    'user': '用户',
    'place': '提交订单',
    'order.title': '2. 订单',
    'order.status': '状态', 'order.total': '金额', 'order.refunded': '已退款', 'order.stock': '库存',
    'pay.with': '支付方式',
    'pay': '微信支付',
    'pay.retry': '重新支付',
    'cancel': '取消订单',
    'again': '再次下单',
    'again.hint.PAYMENT_FAILED': '支付失败，库存已释放。要按相同商品再下一单吗？',
    'again.hint.CLOSED': '订单已关闭。要按相同商品再下一单吗？',
    'refund.title': '退款',
    'refund.amount': '金额（元）',
    'refund.reason': '原因',
    'refund.reason.default': '商品与描述不符',
    'refund': '申请退款',
    'refund.all': '剩余全部',
    'payments.title': '支付单',
    'payments.no': '支付单号', 'payments.kind': '方式', 'payments.amount': '金额', 'payments.status': '状态',
    'refunds.title': '退款单',
    'refunds.no': '退款单号', 'refunds.reason': '原因',
    'sim.column': '模拟器',
    'sim.callback': '立即发送回调',
    'sim.failPrepay': '模拟器：下一次微信下单失败',
    'log.simulator.failPrepay': '模拟器：下一次 {channel} 下单将失败',
    'sim.refund.succeed': '退款成功', 'sim.refund.abnormal': '退款异常', 'sim.refund.closed': '退款关闭',
    'events.title': '实时推送',
    'notifications.title': '已发送通知',
    'trace.title': '3. 订单时序图',
    'trace.source': 'Mermaid 源码',
    'orders.title': '订单列表',
    'orders.no': '订单号', 'orders.time': '下单时间', 'orders.user': '用户', 'orders.items': '件数',
    'orders.prev': '‹ 较新', 'orders.next': '较早 ›', 'orders.page': '第 {page} 页', 'orders.none': '还没有订单。',
    'sheet.title': '微信支付', 'sheet.simulated': '模拟',
    'sheet.payment': '支付单',
    'sheet.scan': '请用微信扫码支付',
    'sheet.h5': '打开微信支付页面',
    'sheet.confirm': '确认支付',
    'sheet.twice': '支付，回调两次',
    'sheet.silent': '支付，不回调',
    'sheet.fail': '支付失败',
    'sheet.close': '关闭',
    'sent': '已发送',
    'msg.chooseProduct': '请至少选择一件商品。',
    'msg.notCreated': '订单创建失败：{reason}',
    'msg.prepayFailed': '微信下单失败，请重试：{reason}',
    'msg.failed': '操作失败：{reason}',
    'msg.cancelled': '订单 {orderNo} 已取消，库存已释放。',
    'msg.refundAsked': '已申请退款 {refundNo}（{amount}），等待微信支付结果。',
    'msg.silent': '微信已扣款但没有回调：payflow 将在几秒内主动查单。',
    'msg.simOff': '模拟器已关闭，请用微信按所示参数支付。',
    'msg.noProducts': '无法加载商品：{reason}',
    'push.PAYMENT_SUCCEEDED': '订单 {orderNo} 支付成功，即将发货。',
    'push.PAYMENT_FAILED': '订单 {orderNo} 支付失败，库存已释放。',
    'push.ORDER_CLOSED': '订单 {orderNo} 已关闭。',
    'push.REFUNDED': '订单 {orderNo} 已退款。',
    'log.simulator.succeed': '模拟器：已确认支付，发送 {n} 次回调',
    'log.simulator.silent': '模拟器：已确认支付，未发送回调',
    'log.simulator.fail': '模拟器：支付失败，已发送回调',
    'log.simulator.callback': '模拟器：迟到的回调已发送',
    'log.simulator.refund': '模拟器：退款 {refundNo} {outcome}，已发送退款通知',
  },
};

// What each payflow status means, in the page language.
const STATUS_TEXT = {
  en: {
    RESERVING: 'reserving stock', PENDING_PAYMENT: 'awaiting payment', PAID: 'paid', FULFILLING: 'shipping',
    PAYMENT_FAILED: 'payment failed', CLOSED: 'closed', REFUNDING: 'refunding', REFUNDED: 'refunded',
    PARTIALLY_REFUNDED: 'partly refunded', CREATED: 'created', PREPAID: 'awaiting the payer',
    PREPAY_FAILED: 'WeChat refused', SUCCEEDED: 'succeeded', FAILED: 'failed', UNKNOWN: 'unknown, to be queried',
    PROCESSING: 'processing', RESERVED: 'reserved', CONFIRMING: 'deducting', CONFIRMED: 'deducted',
    RELEASING: 'releasing', RELEASED: 'released', PENDING: 'pending', RUNNING: 'running', DONE: 'done', DEAD: 'dead',
    RETRYING: 'retrying',
  },
  zh: {
    RESERVING: '锁定库存中', PENDING_PAYMENT: '待支付', PAID: '已支付', FULFILLING: '发货中',
    PAYMENT_FAILED: '支付失败', CLOSED: '已关闭', REFUNDING: '退款中', REFUNDED: '已退款',
    PARTIALLY_REFUNDED: '部分退款', CREATED: '已创建', PREPAID: '待付款', PREPAY_FAILED: '微信下单失败',
    SUCCEEDED: '成功', FAILED: '失败', UNKNOWN: '未知，待查单', PROCESSING: '处理中', RESERVED: '已锁定',
    CONFIRMING: '扣减中', CONFIRMED: '已扣减', RELEASING: '释放中', RELEASED: '已释放', PENDING: '待执行',
    RUNNING: '执行中', DONE: '已完成', DEAD: '已失败', RETRYING: '重试中',
  },
};

function chooseLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  const saved = localStorage.getItem('payflow.lang');
  if (saved === 'zh' || saved === 'en') return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let lang = chooseLanguage();

function t(key, vars) {
  let text = (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
  for (const [name, value] of Object.entries(vars || {})) text = text.replaceAll('{' + name + '}', value);
  return text;
}

function statusText(status) {
  return (STATUS_TEXT[lang] && STATUS_TEXT[lang][status]) || '';
}

// Writes the page's fixed words; dynamic parts are redrawn by each page's own render().
function translatePage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
}

function toggleLanguage(render) {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('payflow.lang', lang);
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  history.replaceState(null, '', url);
  translatePage();
  if (render) render();
}
