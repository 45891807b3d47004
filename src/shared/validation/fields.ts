import { z } from 'zod'
import './zod-vi'
import { cleanText, hasHiddenCharacter, searchableText } from './text'
import type { TextOptions } from './text'

/** Vietnamese messages for the rules every form shares; field-specific ones live beside their schema. */
export const msg = {
  required: 'Không được để trống',
  tooLong: (max: number) => `Không quá ${max} ký tự`,
  phone: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc 0292 3820 123)',
  email: 'Địa chỉ email không hợp lệ',
  integer: 'Phải là số nguyên',
  invalid: 'Giá trị không hợp lệ',
  hiddenCharacter: 'Có ký tự ẩn hoặc ký tự điều khiển: hãy xoá và gõ lại',
  birthTooOld: 'Ngày sinh trước năm 1900 — có thể đã nhập nhầm',
}

/** Birth dates earlier than this are typing mistakes. */
export const EARLIEST_BIRTH_DATE = '1900-01-01'

// Mobile: 0 + 3/5/7/8/9 + 8 digits; landline since 2017: 0 + 2xx area code + 7 digits. +84 allowed.
const PHONE = /^(?:\+?84|0)(?:[35789]\d{8}|2\d{9})$/

/** Strips the separators people type in phone numbers (spaces, dots, dashes, brackets). */
export function compactPhone(raw: string): string {
  return raw.replace(/[\s.\-()]/g, '')
}

/**
 * Every text field of every route starts here (see ./text): NFC, invisible-only made empty and
 * trimmed, then anything that is not text refused. Length and shape checks chain after it.
 */
export const text = (options: TextOptions & { error?: string } = {}) =>
  z
    .string({ error: options.error ?? msg.invalid })
    .overwrite((v) => cleanText(v, options))
    .refine((v) => !hasHiddenCharacter(v, options), { error: msg.hiddenCharacter, abort: true })

export const requiredText = (max: number, options: TextOptions = {}) =>
  text({ ...options, error: msg.required })
    .min(1, { error: msg.required })
    .max(max, { error: msg.tooLong(max) })

/** Optional text: empty strings and null become null so the store never holds "" for "unknown". */
export const optionalText = (max: number, options: TextOptions = {}) =>
  text(options)
    .max(max, { error: msg.tooLong(max) })
    .nullish()
    .transform((v) => (v ? v : null))

export const optionalPhone = text()
  .max(30, { error: msg.phone })
  .nullish()
  .transform((v) => (v ? compactPhone(v) : null))
  .refine((v) => v === null || PHONE.test(v), { error: msg.phone })

export const optionalEmail = text()
  .max(254, { error: msg.email })
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null))
  .refine((v) => v === null || z.email().safeParse(v).success, { error: msg.email })

export const id = z
  .number({ error: msg.invalid })
  .int({ error: msg.integer })
  .positive({ error: msg.invalid })

export const searchText = z
  .string({ error: msg.invalid })
  .max(200, { error: msg.tooLong(200) })
  .overwrite(searchableText)
  .default('')

export const paging = {
  page: z.number({ error: msg.invalid }).int().min(1).max(1_000_000).default(1),
  pageSize: z.number({ error: msg.invalid }).int().min(1).max(500).default(50),
}
