import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Files filed with an inspection besides its photos: the signed scans of finalised minutes
 * (several pages scanned separately) and the evidence of a recommendation's follow-up. One
 * table, the owner told by `kind`: evidence names its recommendation, a signed scan none. The
 * files live in `attachments/<inspection>/` like the photos, so backups and restores carry them.
 */
export class SignedScans1795000000012 implements MigrationInterface {
  name = 'SignedScans1795000000012'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inspection_documents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
      recommendation_id INTEGER REFERENCES recommendations(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('signed_scan', 'evidence')),
      file TEXT NOT NULL UNIQUE,
      file_name TEXT NOT NULL,
      mime_type TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      byte_size INTEGER NOT NULL CHECK (byte_size BETWEEN 1 AND 20971520),
      created_at TEXT NOT NULL,
      created_by INTEGER,
      CHECK ((kind = 'evidence') = (recommendation_id IS NOT NULL)),
      CHECK (file NOT LIKE '%..%' AND file NOT LIKE '/%')
    )`)
    await q.query(`CREATE INDEX ix_documents_inspection ON inspection_documents (inspection_id)`)
    await q.query(`CREATE INDEX ix_documents_recommendation ON inspection_documents (recommendation_id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inspection_documents`)
  }
}
