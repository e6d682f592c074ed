import { renderTemplate, type MergeValues } from '../campaign/message-template';
import type { MarketingChannel } from '../consent/consent.types';
import type { PublicLinks } from '../tracking/public-links';
import type { OutboundMessage } from './outbound-message';

export interface Delivery {
  tenantId: string;
  campaignId: string;
  accountId: string;
  channel: MarketingChannel;
  messageId: string;
  address: string;
  subject: string | null;
  body: string;
  values: MergeValues;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Renders one recipient's message. Email: a text part, and an HTML part in which every link goes
 * through the signed click redirect and a 1×1 pixel reports the open; both end with the unsubscribe
 * link. SMS: the text with the unsubscribe link.
 */
export function composeMessage(delivery: Delivery, links: PublicLinks): OutboundMessage {
  const { tenantId, campaignId, accountId } = delivery;
  const unsubscribeUrl = links.unsubscribe(tenantId, accountId, delivery.channel);
  const text = renderTemplate(delivery.body, delivery.values);
  const base = {
    channel: delivery.channel,
    messageId: delivery.messageId,
    to: delivery.address,
    unsubscribeUrl,
  };
  if (delivery.channel === 'SMS') {
    return { ...base, subject: null, text: `${text}\n${unsubscribeUrl}`, html: null };
  }
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0];
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(links.click(tenantId, campaignId, accountId, url))}">${escapeHtml(url)}</a>`;
    last = (match.index ?? 0) + url.length;
  }
  html += escapeHtml(text.slice(last));
  return {
    ...base,
    subject: renderTemplate(delivery.subject ?? '', delivery.values),
    text: `${text}\n\n--\nUnsubscribe: ${unsubscribeUrl}`,
    html:
      `<div>${html.replace(/\n/g, '<br>')}</div>` +
      `<p style="font-size:12px"><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>` +
      `<img src="${escapeHtml(links.openPixel(tenantId, campaignId, accountId))}" width="1" height="1" alt="">`,
  };
}
