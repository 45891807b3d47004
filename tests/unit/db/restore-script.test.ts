import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { scriptLines } from '@main/db/postgres/restore-script'

/** A byte stream handing out `chunks` one read at a time, as a child process's pipe does. */
function pipeOf(chunks: Buffer[]): Readable {
  async function* arriving() {
    for (const chunk of chunks) {
      await new Promise((next) => setImmediate(next))
      yield chunk
    }
  }
  return Readable.from(arriving(), { objectMode: false })
}

/** `text` as UTF-8, cut every `size` bytes (inside a character too). */
function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text)
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size))
  return pipeOf(chunks)
}

const collect = async (stream: Readable): Promise<string[]> => {
  const lines: string[] = []
  for await (const line of scriptLines(stream)) lines.push(line)
  return lines
}

describe('the lines of pg_restore’s script', () => {
  it('reads lines ended by \\n or by \\r\\n (a pipe in text mode on Windows) alike', async () => {
    const unix =
      "SET client_encoding = 'UTF8';\nCOPY public.units (id, name) FROM stdin;\n1\tSở Tư pháp\n\\.\n"
    const windows = unix.replace(/\n/g, '\r\n')
    const expected = [
      "SET client_encoding = 'UTF8';",
      'COPY public.units (id, name) FROM stdin;',
      '1\tSở Tư pháp',
      '\\.',
    ]
    expect(await collect(chunked(unix, 7))).toEqual(expected)
    expect(await collect(chunked(windows, 7))).toEqual(expected)
    // A carriage return inside COPY data is written `\r`: only a real one at the end is dropped.
    expect(await collect(chunked('a\\r\tb\r\n', 3))).toEqual(['a\\r\tb'])
  })

  it('keeps a photo’s row of many chunks whole, and a last line without its end', async () => {
    const photo = `7\t\\\\x${'89504e47'.repeat(500_000)}`
    const lines = await collect(chunked(`${photo}\n\\.\nlast`, 65_536))
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe(photo)
    expect(lines.slice(1)).toEqual(['\\.', 'last'])
  })

  it('splits Vietnamese text cut between two chunks in the middle of a character correctly', async () => {
    const text = 'Nguyễn Thị Hằng\nĐặng Văn Đức\n'
    const bytes = Buffer.from(text)
    // Every cut point, including those inside a multi-byte character.
    for (let cut = 1; cut < bytes.length; cut++) {
      const stream = pipeOf([bytes.subarray(0, cut), bytes.subarray(cut)])
      expect(await collect(stream)).toEqual(['Nguyễn Thị Hằng', 'Đặng Văn Đức'])
    }
  })
})
