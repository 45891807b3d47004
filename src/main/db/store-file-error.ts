/** Why a copy or a swap of store files did not happen; the caller says it in the user's words. */
export class StoreFileError extends Error {
  constructor(
    readonly reason: 'write' | 'busy' | 'check' | 'in_use',
    options?: { cause?: unknown },
  ) {
    super(`store file: ${reason}`, options)
    this.name = 'StoreFileError'
  }
}
