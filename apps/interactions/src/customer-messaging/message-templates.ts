import type { MessageLocale } from '../tenant-settings/notification-settings.entity';
import type { MessageChannel } from './customer-message.entity';

export const CUSTOMER_MESSAGE_KINDS = [
  'ORDER_CONFIRMED',
  'ORDER_SHIPPED',
  'ORDER_DELIVERED',
  'ORDER_CANCELLED',
  'PAYMENT_RECEIVED',
] as const;
export type CustomerMessageKind = (typeof CUSTOMER_MESSAGE_KINDS)[number];

export interface MessageFacts {
  customerName: string | null;
  orderNumber: string;
  trackingCode: string | null;
  carrier: string | null;
}

export interface RenderedMessage {
  subject: string;
  body: string;
}

interface LocaleTemplates {
  status: Record<CustomerMessageKind, string>;
  subject: (kind: CustomerMessageKind, orderNumber: string) => string;
  greeting: (name: string | null) => string;
  statusLine: (status: string) => string;
  trackingLine: (code: string, carrier: string | null) => string;
  signOff: string;
}

const ENGLISH: LocaleTemplates = {
  status: {
    ORDER_CONFIRMED: 'confirmed',
    ORDER_SHIPPED: 'shipped',
    ORDER_DELIVERED: 'delivered',
    ORDER_CANCELLED: 'cancelled',
    PAYMENT_RECEIVED: 'payment received',
  },
  subject: (kind, n) =>
    ({
      ORDER_CONFIRMED: `Your order #${n} is confirmed`,
      ORDER_SHIPPED: `Your order #${n} has shipped`,
      ORDER_DELIVERED: `Your order #${n} has been delivered`,
      ORDER_CANCELLED: `Your order #${n} has been cancelled`,
      PAYMENT_RECEIVED: `We received your payment for order #${n}`,
    })[kind],
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  statusLine: (status) => `Status: ${status}`,
  trackingLine: (code, carrier) => `Tracking code: ${code}${carrier ? ` (${carrier})` : ''}`,
  signOff: 'Thank you for your order.',
};

const PERSIAN: LocaleTemplates = {
  status: {
    ORDER_CONFIRMED: 'تأیید شده',
    ORDER_SHIPPED: 'ارسال شده',
    ORDER_DELIVERED: 'تحویل شده',
    ORDER_CANCELLED: 'لغو شده',
    PAYMENT_RECEIVED: 'پرداخت دریافت شد',
  },
  subject: (kind, n) =>
    ({
      ORDER_CONFIRMED: `سفارش #${n} شما تأیید شد`,
      ORDER_SHIPPED: `سفارش #${n} شما ارسال شد`,
      ORDER_DELIVERED: `سفارش #${n} شما تحویل داده شد`,
      ORDER_CANCELLED: `سفارش #${n} شما لغو شد`,
      PAYMENT_RECEIVED: `پرداخت شما برای سفارش #${n} دریافت شد`,
    })[kind],
  greeting: (name) => (name ? `${name} عزیز،` : 'مشتری گرامی،'),
  statusLine: (status) => `وضعیت: ${status}`,
  trackingLine: (code, carrier) => `کد رهگیری: ${code}${carrier ? ` (${carrier})` : ''}`,
  signOff: 'از خرید شما سپاسگزاریم.',
};

const TEMPLATES: Record<MessageLocale, LocaleTemplates> = { en: ENGLISH, fa: PERSIAN };

/**
 * The customer's message for one order event, in the tenant's language: an email has a greeting and
 * lines; an SMS is the subject with the tracking code, short enough for one or two segments.
 */
export function renderCustomerMessage(
  kind: CustomerMessageKind,
  locale: MessageLocale,
  channel: MessageChannel,
  facts: MessageFacts,
): RenderedMessage {
  const t = TEMPLATES[locale];
  const subject = t.subject(kind, facts.orderNumber);
  const tracking = facts.trackingCode ? t.trackingLine(facts.trackingCode, facts.carrier) : null;
  if (channel === 'SMS') return { subject, body: [subject, tracking].filter(Boolean).join(' — ') };
  const lines = [t.greeting(facts.customerName), '', subject, t.statusLine(t.status[kind])];
  if (tracking) lines.push(tracking);
  lines.push('', t.signOff);
  return { subject, body: lines.join('\n') };
}
