import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The bytes of inspection photos, signed scans and evidence kept as rows, keyed by the stored
 * path of the owning row (`inspection_photos.file`, `inspection_documents.file`). A server store
 * keeps its attachments here so that every seat sees them; a SQLite store keeps them as files in
 * `attachments/` (backups carry them) and leaves this table empty, so both schemas stay the same.
 */
export class AttachmentContents1795000000015 implements MigrationInterface {
  name = 'AttachmentContents1795000000015'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE attachment_contents (
      file TEXT NOT NULL PRIMARY KEY,
      content BLOB NOT NULL,
      CHECK (file NOT LIKE '%..%' AND file NOT LIKE '/%')
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_contents`)
  }
}
