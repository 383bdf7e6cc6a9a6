import type { Label } from './labels';
import { yuan } from './money';

// The domain writes its notices' and timeline's sentences with amounts in integer fen and durations in ISO
// 8601 (what the API speaks); wherever people read them (the group robots' cards, the console) they read
// them as ¥ and in words.

const durationUnits = [
  { zh: '天', en: 'day' },
  { zh: '小时', en: 'hour' },
  { zh: '分钟', en: 'minute' },
];

/** "PT2H" → 2 小时 / 2 hours, "P3D" → 3 天 / 3 days (whole units only; anything else is left as it is). */
function durationWords(iso: string, language: keyof Label): string {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return iso;
  const parts = [m[1], m[2], m[3]].flatMap((n, i) => {
    if (n === undefined || Number(n) === 0) return [];
    const unit = durationUnits[i];
    return [language === 'zh' ? `${n} ${unit.zh}` : `${n} ${unit.en}${Number(n) === 1 ? '' : 's'}`];
  });
  return parts.length > 0 ? parts.join(' ') : iso;
}

/** A timeline entry's or notice's sentence in `language`: its Chinese where the order wrote one, else the English. */
export function said(entry: { detail: string; zh?: string | null }, language: keyof Label): string {
  return readable(language === 'zh' && entry.zh ? entry.zh : entry.detail, language);
}

/** A notice's or timeline entry's sentence as people read it: amounts in fen as ¥, ISO durations in words. */
export function readable(detail: string, language: keyof Label): string {
  return detail
    .replace(/\b(\d+) fen\b/g, (_, fen: string) => yuan(Number(fen)))
    .replace(/\bP(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?)?\b/g, (iso) => durationWords(iso, language));
}
