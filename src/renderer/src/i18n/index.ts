import { createI18n } from 'vue-i18n'
import { en } from './en'
import { vi } from './vi'

export type Locale = 'vi' | 'en'
const LOCALE_KEY = 'spd.locale'

export const i18n = createI18n({
  legacy: false,
  locale: (localStorage.getItem(LOCALE_KEY) as Locale | null) ?? 'vi',
  fallbackLocale: 'vi',
  messages: { vi, en },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(LOCALE_KEY, locale)
  document.documentElement.lang = locale
}
