import { databaseMsg } from '@shared/database/messages'

export type DatabaseServerProblem = keyof typeof databaseMsg

/** The server can be reached but this app must not use it as it is; the message is for the user. */
export class DatabaseServerError extends Error {
  constructor(
    readonly problem: DatabaseServerProblem,
    options?: ErrorOptions,
  ) {
    super(databaseMsg[problem], options)
    this.name = 'DatabaseServerError'
  }
}
