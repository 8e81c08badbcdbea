/**
 * Picks a message in the user's language and fills its `{placeholders}`. English nouns follow their numbers
 * with `{count:exit|exits}` (singular for 1, plural otherwise) instead of a parenthesized plural; Chinese needs
 * no such form.
 */
import type { Locale, Message } from './types';

const PLACEHOLDER = /\{(\w+)(?::([^|{}]*)\|([^{}]*))?\}/g;

export function formatMessage(message: Message, locale: Locale, data: Record<string, string | number> = {}): string {
  const template = locale === 'zh-cn' ? message.zh : message.en;
  return template.replace(PLACEHOLDER, (whole, key: string, one?: string, many?: string) => {
    if (!(key in data)) return whole;
    if (one === undefined) return String(data[key]);
    return Number(data[key]) === 1 ? one : many!;
  });
}

/** A number with its English noun, singular or plural: "1 file", "3 files", "0 files". */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** VS Code locales such as `zh-cn`, `zh-CN`, `zh-tw`: Simplified Chinese only for mainland/SG forms. */
export function localeFrom(tag: string | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  return lower === 'zh-cn' || lower === 'zh-hans' || lower === 'zh' || lower === 'zh-sg' ? 'zh-cn' : 'en';
}
