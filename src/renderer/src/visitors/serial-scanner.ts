import { LineBuffer } from '@shared/visitors/scan-detector'

/** The little of Web Serial we use (not in TypeScript's DOM library yet). */
interface SerialPortLike {
  getInfo(): { usbVendorId?: number; usbProductId?: number }
  open(options: { baudRate: number }): Promise<void>
  close(): Promise<void>
  readable: ReadableStream<Uint8Array> | null
}
interface SerialLike {
  requestPort(): Promise<SerialPortLike>
  getPorts(): Promise<SerialPortLike[]>
}

const serial = (): SerialLike | null => (navigator as unknown as { serial?: SerialLike }).serial ?? null

/** Web Serial exists in the Electron app; the browser preview's Chromium may lack a port chooser. */
export const serialSupported = (): boolean => serial() !== null

/** Same key as the main process's portKey(): USB ids in decimal. */
function keyOf(port: SerialPortLike): string | null {
  const { usbVendorId, usbProductId } = port.getInfo()
  return usbVendorId !== undefined && usbProductId !== undefined ? `usb:${usbVendorId}:${usbProductId}` : null
}

/** Settings → "Chọn máy quét": the main process offers the ports; the key is what Settings keeps. */
export async function chooseScannerPort(): Promise<string | null> {
  const api = serial()
  if (!api) return null
  return keyOf(await api.requestPort())
}

/**
 * Opens the scanner chosen in Settings (or the only granted port) and hands over each scanned
 * line. Returns a function that closes it; resolves to a no-op when no scanner is there.
 */
export async function listenToScanner(
  key: string | null,
  onLine: (line: string) => void,
): Promise<() => void> {
  const api = serial()
  if (!api) return () => undefined
  const ports = await api.getPorts()
  const port =
    ports.find((p) => key !== null && keyOf(p) === key) ?? (ports.length === 1 ? ports[0] : undefined)
  if (!port) return () => undefined
  await port.open({ baudRate: 9600 })
  const reader = port.readable?.getReader()
  if (!reader) return () => void port.close()
  const decoder = new TextDecoder('utf-8')
  const lines = new LineBuffer()
  let open = true
  void (async () => {
    try {
      while (open) {
        const { value, done } = await reader.read()
        if (done) break
        for (const line of lines.push(decoder.decode(value, { stream: true }))) onLine(line)
      }
    } finally {
      reader.releaseLock()
      await port.close().catch(() => undefined)
    }
  })()
  return () => {
    open = false
    void reader.cancel().catch(() => undefined)
  }
}
