import nodemailer from 'nodemailer';
import { SmtpSink } from './smtp-sink';

describe('SmtpSink', () => {
  it('keeps every accepted message with its Message-ID and raw headers, and refuses matching recipients', async () => {
    const sink = await SmtpSink.start({ rejectRecipients: /^nobody@/ });
    const transport = nodemailer.createTransport({ url: sink.url } as object);
    try {
      await transport.sendMail({
        from: 'shop@example.com',
        to: 'sara@example.com',
        subject: 'Hello',
        text: 'Beans',
        messageId: '<one@example.com>',
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      await expect(
        transport.sendMail({ from: 'shop@example.com', to: 'nobody@example.com', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 550 });
      expect(sink.received).toHaveLength(1);
      expect(sink.to('sara@example.com')[0]).toMatchObject({
        subject: 'Hello',
        messageId: '<one@example.com>',
      });
      expect(sink.received[0]?.text.trim()).toBe('Beans');
      expect(sink.received[0]?.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(sink.distinctMessageIds()).toEqual(new Set(['<one@example.com>']));
    } finally {
      transport.close();
      await sink.stop();
    }
  });
});
