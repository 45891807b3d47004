/** A photo for a Word file: its bytes and its size in pixels (which pdfkit takes as points). */
export interface DocxImage {
  type: 'png' | 'jpg'
  data: Buffer
  width: number
  height: number
}

/** The pixel size written in a PNG's IHDR or a JPEG's first frame header (SOF0–SOF15 but DHT, JPG, DAC). */
function pixelSize(type: DocxImage['type'], data: Buffer): { width: number; height: number } {
  if (type === 'png') return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
  for (let at = 2; at + 9 < data.length;) {
    const marker = data[at + 1]!
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { width: data.readUInt16BE(at + 7), height: data.readUInt16BE(at + 5) }
    at += 2 + data.readUInt16BE(at + 2)
  }
  throw new Error('Word export: a JPEG without a frame header')
}

/** The photos come in as data URLs (photos.ts), PNG or JPEG. */
export function imageOfDataUrl(url: string): DocxImage {
  const match = /^data:image\/(png|jpeg);base64,(.*)$/s.exec(url)
  if (!match) throw new Error('Word export: a photo that is not a PNG or JPEG data URL')
  const type = match[1] === 'png' ? 'png' : 'jpg'
  const data = Buffer.from(match[2]!, 'base64')
  return { type, data, ...pixelSize(type, data) }
}
