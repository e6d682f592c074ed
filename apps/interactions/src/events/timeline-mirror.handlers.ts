import type { EventHandlers, EventHandler } from '@crm/messaging';
import { addSystemEntryToTimeline } from '../timeline/timeline.writes';
import { TIMELINE_MIRRORS } from '../timeline/timeline-summaries';

/** Mirrors pipeline, orders and marketing events as system lines on the customer's timeline. */
export function timelineMirrorHandlers(): Record<string, EventHandler> {
  const handlers: Record<string, EventHandler> = {};
  for (const { definition, summarise } of TIMELINE_MIRRORS) {
    handlers[definition.type] = async (manager, event) => {
      const entry = summarise(event.data);
      if (!entry) return;
      await addSystemEntryToTimeline(manager, {
        tenantId: event.tenantid,
        accountId: entry.accountId,
        at: entry.at,
        kind: definition.name,
        summary: entry.summary,
        sourceEventId: event.id,
      });
    };
  }
  return handlers satisfies EventHandlers;
}
