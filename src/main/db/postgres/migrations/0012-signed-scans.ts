import type { MigrationInterface, QueryRunner } from 'typeorm'
import { ID, TEXT } from '../schema/types'

/** Twin of SQLite 0012: the signed scans of finalised minutes and the evidence of follow-ups. */
export class PostgresSignedScans1795000000012 implements MigrationInterface {
  name = 'PostgresSignedScans1795000000012'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inspection_documents (
      id ${ID},
      inspection_id integer NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
      recommendation_id integer REFERENCES recommendations(id) ON DELETE CASCADE,
      kind ${TEXT} NOT NULL CHECK (kind IN ('signed_scan', 'evidence')),
      file ${TEXT} NOT NULL UNIQUE,
      file_name ${TEXT} NOT NULL,
      mime_type ${TEXT} NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      byte_size integer NOT NULL CHECK (byte_size BETWEEN 1 AND 20971520),
      created_at ${TEXT} NOT NULL,
      created_by integer,
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
