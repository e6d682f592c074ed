import { CUSTOMER_MESSAGE_KINDS, renderCustomerMessage } from './message-templates';

const facts = { customerName: 'Sara', orderNumber: '1042', trackingCode: 'ABC123', carrier: 'Post' };

describe('renderCustomerMessage', () => {
  it('writes an English shipping email with the order number, status and tracking code', () => {
    expect(renderCustomerMessage('ORDER_SHIPPED', 'en', 'EMAIL', facts)).toEqual({
      subject: 'Your order #1042 has shipped',
      body: [
        'Hello Sara,',
        '',
        'Your order #1042 has shipped',
        'Status: shipped',
        'Tracking code: ABC123 (Post)',
        '',
        'Thank you for your order.',
      ].join('\n'),
    });
  });

  it('writes Persian', () => {
    const message = renderCustomerMessage('ORDER_SHIPPED', 'fa', 'EMAIL', facts);
    expect(message.subject).toBe('سفارش #1042 شما ارسال شد');
    expect(message.body).toContain('کد رهگیری: ABC123 (Post)');
    expect(message.body).toContain('وضعیت: ارسال شده');
  });

  it('keeps an SMS to one line: subject and tracking code', () => {
    expect(renderCustomerMessage('ORDER_SHIPPED', 'en', 'SMS', facts).body).toBe(
      'Your order #1042 has shipped — Tracking code: ABC123 (Post)',
    );
    expect(renderCustomerMessage('ORDER_CONFIRMED', 'en', 'SMS', { ...facts, trackingCode: null }).body).toBe(
      'Your order #1042 is confirmed',
    );
  });

  it.each(
    CUSTOMER_MESSAGE_KINDS.flatMap((kind) =>
      (['en', 'fa'] as const).map((locale) => [kind, locale] as const),
    ),
  )('has a %s template in %s naming the order', (kind, locale) => {
    const message = renderCustomerMessage(kind, locale, 'EMAIL', { ...facts, customerName: null });
    expect(message.subject).toContain('#1042');
    expect(message.body).toContain(message.subject);
  });
});
