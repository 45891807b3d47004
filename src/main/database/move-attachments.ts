import type { MoveOptions, TableCheck } from '../db/move/move-store'
import { TableHasher } from '../db/move/move-store'
import { copyAttachmentFilesInto } from '../inspections/attachment-store'

/**
 * The move's attachments step for a SQLite data folder: its files become rows of the server's
 * `attachment_contents`, in key order so that what was read hashes like the rows read back.
 * Files the rows name but the folder lacks are not invented; `missing` collects them for the report.
 */
export const moveAttachmentFiles =
  (dataFolder: string, missing: string[]): NonNullable<MoveOptions['attachments']> =>
  async (target, files): Promise<TableCheck> => {
    const hasher = new TableHasher()
    const sorted = [...new Set(files)].sort()
    const done = await copyAttachmentFilesInto(target, dataFolder, sorted, (file, content) =>
      hasher.add([file, content]),
    )
    missing.push(...done.missing)
    return hasher.result('attachment_contents')
  }
