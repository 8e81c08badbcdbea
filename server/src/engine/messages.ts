/** Picks a message in the user's language and fills its `{placeholders}`. */
import type { Locale, Message } from './types';

export function formatMessage(message: Message, locale: Locale, data: Record<string, string | number> = {}): string {
  const template = locale === 'zh-cn' ? message.zh : message.en;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** VS Code locales such as `zh-cn`, `zh-CN`, `zh-tw`: Simplified Chinese only for mainland/SG forms. */
export function localeFrom(tag: string | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  return lower === 'zh-cn' || lower === 'zh-hans' || lower === 'zh' || lower === 'zh-sg' ? 'zh-cn' : 'en';
}
