import type { MigrationInterface, QueryRunner } from 'typeorm'
import { TEXT } from '../schema/types'

/** Twin of SQLite 0015: the attachments' bytes, which on a server every seat reads from here. */
export class PostgresAttachmentContents1795000000015 implements MigrationInterface {
  name = 'PostgresAttachmentContents1795000000015'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE attachment_contents (
      file ${TEXT} PRIMARY KEY,
      content bytea NOT NULL,
      CHECK (file NOT LIKE '%..%' AND file NOT LIKE '/%')
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_contents`)
  }
}
