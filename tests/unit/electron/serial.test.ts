import { describe, expect, it, vi } from 'vitest'
import { installSerialPortChooser, pickPort, portKey } from '@main/electron/serial'
import type { PortDescription } from '@main/electron/serial'

const scanner: PortDescription = { portId: 'p1', portName: 'COM4', vendorId: '1504', productId: '4608' }
const modem: PortDescription = { portId: 'p2', portName: 'COM1' }

describe('choosing the COM-port scanner', () => {
  it('remembers a USB scanner by its ids (the COM number changes when replugged), others by name', () => {
    expect(portKey(scanner)).toBe('usb:1504:4608')
    expect(portKey(modem)).toBe('name:COM1')
    expect(pickPort([modem, { ...scanner, portName: 'COM7' }], 'usb:1504:4608')?.portId).toBe('p1')
  })

  it('takes the only port when none is remembered, and asks when there are several', async () => {
    expect(pickPort([modem], null)).toBe(modem)
    expect(pickPort([modem, scanner], null)).toBeNull()
    expect(pickPort([modem, scanner], 'usb:1:2')).toBeNull()

    let listener: ((...args: unknown[]) => void) | undefined
    const session = { on: (_event: string, fn: typeof listener) => (listener = fn) }
    const ask = vi.fn(async (ports: readonly PortDescription[]) => ports[1] ?? null)
    installSerialPortChooser(session as never, async () => null, ask)
    const preventDefault = vi.fn()
    const chosen = await new Promise<string>((done) =>
      listener!({ preventDefault }, [modem, scanner], null, done),
    )
    expect(preventDefault).toHaveBeenCalled()
    expect(ask).toHaveBeenCalledTimes(1)
    expect(chosen).toBe('p1')
    // No port at all: the request is cancelled, nobody is asked.
    const none = await new Promise<string>((done) => listener!({ preventDefault }, [], null, done))
    expect(none).toBe('')
    expect(ask).toHaveBeenCalledTimes(1)
  })
})
