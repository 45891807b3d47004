import type { Session } from 'electron'

/** The part of Electron's SerialPort the choice needs. */
export interface PortDescription {
  portId: string
  portName: string
  displayName?: string
  vendorId?: string
  productId?: string
}

/**
 * How Settings remembers the scanner: `usb:<vendor>:<product>` (decimal, as Electron and
 * `SerialPort.getInfo()` give them) survives a different COM number after replugging; a port
 * without USB ids is remembered by its name (COM3).
 */
export function portKey(port: PortDescription): string {
  return port.vendorId && port.productId ? `usb:${port.vendorId}:${port.productId}` : `name:${port.portName}`
}

/** The remembered scanner if it is plugged in, else the only port there is, else none. */
export function pickPort(
  ports: readonly PortDescription[],
  preferred: string | null,
): PortDescription | null {
  const remembered = preferred ? ports.find((p) => portKey(p) === preferred) : undefined
  if (remembered) return remembered
  return ports.length === 1 ? ports[0]! : null
}

/**
 * Answers `navigator.serial.requestPort()` from our pages: the scanner chosen in Settings, or
 * the only port, or the user picks from a list (`ask`); an empty id cancels the request.
 */
export function installSerialPortChooser(
  target: Session,
  preferred: () => Promise<string | null>,
  ask: (ports: readonly PortDescription[]) => Promise<PortDescription | null>,
): void {
  target.on('select-serial-port', (event, portList, _contents, callback) => {
    event.preventDefault()
    void (async () => {
      try {
        const chosen = pickPort(portList, await preferred()) ?? (portList.length ? await ask(portList) : null)
        callback(chosen?.portId ?? '')
      } catch {
        callback('')
      }
    })()
  })
}
