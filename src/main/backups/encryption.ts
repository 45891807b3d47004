import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs'

/**
 * The encrypted backup format (version 1), for a database copy or a photo:
 *
 *   magic "SPDENC\r\n" | version u8 | header length u32 BE | header (UTF-8 JSON) | chunks
 *
 * The header names the data key (`keyId`), carries it wrapped under the administrator's
 * passphrase (scrypt, then AES-256-GCM), the chunk size and an 8-byte random nonce prefix;
 * a database copy also lists the photos it references (paths and sizes only, so the mirror can
 * be pruned without decrypting). Each chunk of `chunkSize` plain bytes (the last one shorter,
 * possibly empty) is AES-256-GCM under the data key with the nonce `prefix | index u32 BE` and
 * the additional data `everything before the chunks | index u32 BE | final u8`, followed by
 * its 16-byte tag. So the header cannot be altered, chunks cannot be reordered, and cutting
 * the file at a chunk boundary fails, because the new last chunk was not sealed as final.
 * Memory use is one chunk, whatever the file size.
 */

export const MAGIC = Buffer.from('SPDENC\r\n', 'latin1')
export const FORMAT_VERSION = 1
const CHUNK_SIZE = 1024 * 1024
const TAG = 16
/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB and ~0.1 s per try on an office PC. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 }

export interface PhotoRef {
  file: string
  size: number
}

/** The data key wrapped under a passphrase: what a new PC needs, with the passphrase, to read a backup. */
export interface WrappedKey {
  keyId: string
  kdf: 'scrypt'
  salt: string
  N: number
  r: number
  p: number
  iv: string
  wrapped: string
  tag: string
}

export interface FileHeader {
  keyId: string
  chunkSize: number
  noncePrefix: string
  wrap: WrappedKey
  photos?: PhotoRef[]
}

export interface DataKey {
  keyId: string
  key: Buffer
  wrap: WrappedKey
}

/** Why a file could not be decrypted; the service turns each into a Vietnamese message. */
export class SealError extends Error {
  constructor(readonly reason: 'format' | 'newer' | 'no_key' | 'altered') {
    super(`encrypted backup: ${reason}`)
    this.name = 'SealError'
  }
}

function kek(passphrase: string, wrap: Pick<WrappedKey, 'salt' | 'N' | 'r' | 'p'>): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(wrap.salt, 'base64'), 32, {
    N: wrap.N,
    r: wrap.r,
    p: wrap.p,
    maxmem: 256 * wrap.N * wrap.r,
  })
}

/** A new random data key, wrapped under `passphrase`. */
export function newDataKey(passphrase: string): DataKey {
  const key = randomBytes(32)
  const keyId = randomBytes(8).toString('hex')
  const base = { keyId, kdf: 'scrypt' as const, salt: randomBytes(16).toString('base64'), ...SCRYPT }
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', kek(passphrase, base), iv)
  cipher.setAAD(Buffer.from(keyId, 'latin1'))
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()])
  return {
    keyId,
    key,
    wrap: {
      ...base,
      iv: iv.toString('base64'),
      wrapped: wrapped.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
  }
}

/** The data key, or null when `passphrase` is not the one it was wrapped under. */
export function unwrapDataKey(wrap: WrappedKey, passphrase: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek(passphrase, wrap), Buffer.from(wrap.iv, 'base64'))
    decipher.setAAD(Buffer.from(wrap.keyId, 'latin1'))
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(wrap.wrapped, 'base64')), decipher.final()])
  } catch {
    return null
  }
}

function readFully(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done)
    if (n === 0) break
    done += n
  }
  return done === length ? buffer : buffer.subarray(0, done)
}

function writeFully(fd: number, buffer: Buffer): void {
  let done = 0
  while (done < buffer.length) done += writeSync(fd, buffer, done)
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

const chunkNonce = (prefix: Buffer, index: number) => Buffer.concat([prefix, u32(index)])
const chunkAad = (preamble: Buffer, index: number, final: boolean) =>
  Buffer.concat([preamble, u32(index), Buffer.from([final ? 1 : 0])])

/** Whether `file` starts like an encrypted backup (false when it cannot be read). */
export function isSealed(file: string): boolean {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    return readFully(fd, MAGIC.length, 0).equals(MAGIC)
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Header and the bytes it takes (the preamble every chunk authenticates). */
function readPreamble(fd: number): { header: FileHeader; preamble: Buffer } {
  const start = readFully(fd, MAGIC.length + 5, 0)
  if (start.length < MAGIC.length + 5 || !start.subarray(0, MAGIC.length).equals(MAGIC))
    throw new SealError('format')
  if (start[MAGIC.length] !== FORMAT_VERSION) throw new SealError('newer')
  const length = start.readUInt32BE(MAGIC.length + 1)
  if (length > 64 * 1024 * 1024) throw new SealError('format')
  const json = readFully(fd, length, start.length)
  if (json.length < length) throw new SealError('altered')
  let header: FileHeader
  try {
    header = JSON.parse(json.toString('utf8')) as FileHeader
  } catch {
    throw new SealError('altered')
  }
  if (typeof header.keyId !== 'string' || !Number.isInteger(header.chunkSize) || header.chunkSize < 1)
    throw new SealError('altered')
  return { header, preamble: Buffer.concat([start, json]) }
}

/** The header of an encrypted file, or null when `file` is not one. */
export function readHeader(file: string): FileHeader | null {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    return readPreamble(fd).header
  } catch {
    return null
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Encrypts `source` into `target` (created, must not exist). */
export function sealFile(source: string, target: string, key: DataKey, photos?: PhotoRef[]): void {
  const header: FileHeader = {
    keyId: key.keyId,
    chunkSize: CHUNK_SIZE,
    noncePrefix: randomBytes(8).toString('base64'),
    wrap: key.wrap,
    ...(photos ? { photos } : {}),
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const preamble = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), u32(json.length), json])
  const prefix = Buffer.from(header.noncePrefix, 'base64')
  const input = openSync(source, 'r')
  let output: number | undefined
  try {
    output = openSync(target, 'wx', 0o600)
    writeFully(output, preamble)
    const size = fstatSync(input).size
    for (let index = 0, offset = 0; ; index++, offset += CHUNK_SIZE) {
      const plain = readFully(input, Math.min(CHUNK_SIZE, Math.max(0, size - offset)), offset)
      const final = offset + CHUNK_SIZE >= size
      const cipher = createCipheriv('aes-256-gcm', key.key, chunkNonce(prefix, index))
      cipher.setAAD(chunkAad(preamble, index, final))
      writeFully(output, Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]))
      if (final) break
    }
  } finally {
    closeSync(input)
    if (output !== undefined) closeSync(output)
  }
}

/**
 * Decrypts `source` into `target` (created, must not exist). `keyFor` gives the data key of a
 * header (from this PC's keeper or the passphrase), or null. Throws SealError; `target` may
 * then hold a partial plain text, which the caller removes.
 */
export function openSealedFile(
  source: string,
  target: string,
  keyFor: (header: FileHeader) => Buffer | null,
): FileHeader {
  const input = openSync(source, 'r')
  let output: number | undefined
  try {
    const { header, preamble } = readPreamble(input)
    const key = keyFor(header)
    if (!key) throw new SealError('no_key')
    const prefix = Buffer.from(header.noncePrefix, 'base64')
    const body = fstatSync(input).size - preamble.length
    if (body < TAG) throw new SealError('altered')
    const sealed = header.chunkSize + TAG
    const chunks = Math.max(1, Math.ceil(body / sealed))
    output = openSync(target, 'wx', 0o600)
    for (let index = 0; index < chunks; index++) {
      const chunk = readFully(
        input,
        Math.min(sealed, body - index * sealed),
        preamble.length + index * sealed,
      )
      if (chunk.length < TAG) throw new SealError('altered')
      const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(prefix, index))
      decipher.setAAD(chunkAad(preamble, index, index === chunks - 1))
      decipher.setAuthTag(chunk.subarray(chunk.length - TAG))
      try {
        writeFully(
          output,
          Buffer.concat([decipher.update(chunk.subarray(0, chunk.length - TAG)), decipher.final()]),
        )
      } catch {
        throw new SealError('altered')
      }
    }
    return header
  } finally {
    closeSync(input)
    if (output !== undefined) closeSync(output)
  }
}
