/**
 * The one rule for text people type or paste: Unicode NFC (a decomposed "Nguyễn" is stored
 * composed, so searches and duplicates compare equal), a value that draws nothing counts as
 * empty, and characters that are not text (controls, bidi overrides, zero-width marks, lone
 * surrogates) are refused rather than stored, so no printed list shows a blank or reversed name.
 */

export interface TextOptions {
  /** Notes and long texts keep their line breaks and tabs; other fields turn them into a space. */
  multiline?: boolean
}

/** Whitespace, format characters and the blank letters (Hangul fillers, Braille blank) used to fake a filled field. */
const INVISIBLE_ONLY = /^(?:[\s\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5)*$/u

/** Controls, format characters (zero-width, bidi), surrogates without their pair, line/paragraph separators. */
const NOT_TEXT = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u
const NOT_TEXT_ALL = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu

/** The joiner inside an emoji sequence (👨‍👩‍👧) is part of the picture, not a hidden mark. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu

/** NFC, line breaks settled, invisible-only made empty, trimmed. Refusal is `hasHiddenCharacter`'s. */
export function cleanText(raw: string, options: TextOptions = {}): string {
  const nfc = raw.normalize('NFC').replace(/\r\n?/g, '\n')
  const lines = options.multiline ? nfc : nfc.replace(/[\t\n]+/g, ' ')
  return INVISIBLE_ONLY.test(lines) ? '' : lines.trim()
}

/** True when the cleaned value still holds a character that is not text. */
export function hasHiddenCharacter(value: string, options: TextOptions = {}): boolean {
  const rest = value.replace(EMOJI_JOINER, '')
  return NOT_TEXT.test(options.multiline ? rest.replace(/[\t\n]/g, '') : rest)
}

/** For searches, which store nothing: hidden characters are dropped instead of refused. */
export function searchableText(raw: string): string {
  return cleanText(raw).replace(NOT_TEXT_ALL, '')
}
