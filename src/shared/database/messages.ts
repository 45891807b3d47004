/** What a seat is told when the office's database server cannot be used as it is. */
export const databaseMsg = {
  schemaNewer:
    'Cơ sở dữ liệu trên máy chủ đã được nâng cấp bởi phiên bản mới hơn của ứng dụng. Hãy cập nhật ứng dụng trên máy này rồi mở lại.',
  trigramMissing:
    'Máy chủ dữ liệu chưa có tiện ích tìm kiếm pg_trgm. Hãy nhờ quản trị viên cài gói contrib của PostgreSQL rồi thử lại.',
} as const
