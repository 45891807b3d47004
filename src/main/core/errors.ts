import type { z } from 'zod'
import type { ApiError, ErrorCode } from '@shared/contract'
import { fieldErrorsOfIssues } from '@shared/contract/field-errors'

/** An expected failure a user can act on; it crosses the contract as data, never as a throw. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'AppError'
  }

  static validation(
    fieldErrors: Record<string, string>,
    message = 'Dữ liệu chưa hợp lệ, xem các ô được đánh dấu',
  ): AppError {
    return new AppError('validation', message, fieldErrors)
  }

  static notFound(message: string): AppError {
    return new AppError('not_found', message)
  }

  static conflict(message: string, fieldErrors: Record<string, string> = {}): AppError {
    return new AppError('conflict', message, fieldErrors)
  }

  toData(): ApiError {
    return { code: this.code, message: this.message, fieldErrors: this.fieldErrors }
  }
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  return fieldErrorsOfIssues(error.issues)
}

export const INTERNAL_ERROR: ApiError = {
  code: 'internal',
  message: 'Có lỗi không mong muốn. Thao tác chưa được lưu; chi tiết đã ghi vào nhật ký.',
  fieldErrors: {},
}
