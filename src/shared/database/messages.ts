/** What a seat is told when the office's database server cannot be used as it is. */
export const databaseMsg = {
  schemaNewer:
    'Cơ sở dữ liệu trên máy chủ đã được nâng cấp bởi phiên bản mới hơn của ứng dụng. Hãy cập nhật ứng dụng trên máy này rồi mở lại.',
  trigramMissing:
    'Máy chủ dữ liệu chưa có tiện ích tìm kiếm pg_trgm. Hãy nhờ quản trị viên cài gói contrib của PostgreSQL rồi thử lại.',
  trigramNotAllowed:
    'Cơ sở dữ liệu chưa bật tiện ích tìm kiếm pg_trgm và tài khoản này không có quyền bật. Hãy nhờ quản trị viên chạy CREATE EXTENSION pg_trgm trên cơ sở dữ liệu này.',
  notUtf8:
    'Cơ sở dữ liệu này không dùng bảng mã UTF8 nên không lưu được chữ tiếng Việt. Hãy nhờ quản trị viên tạo cơ sở dữ liệu mới với ENCODING \'UTF8\' (README, mục "Several PCs") rồi kết nối vào đó.',
  unreachable:
    'Không kết nối được máy chủ dữ liệu: kiểm tra địa chỉ, cổng, mạng và máy chủ PostgreSQL có đang chạy không.',
  wrongPassword: 'Tên đăng nhập hoặc mật khẩu máy chủ dữ liệu không đúng.',
  noPrivilege:
    'Tài khoản này đăng nhập được nhưng không có quyền trên các bảng của cơ sở dữ liệu. Hãy dùng tài khoản sở hữu cơ sở dữ liệu này.',
  databaseMissing: 'Máy chủ không có cơ sở dữ liệu này. Hãy kiểm tra tên hoặc nhờ quản trị viên tạo nó.',
  tlsFailed:
    'Kết nối mã hoá (TLS) không thành công: máy chủ chưa bật TLS hoặc chứng chỉ không khớp tệp CA đã chọn.',
  caFileUnreadable: 'Không đọc được tệp chứng chỉ CA này.',
  serverLost:
    'Mất kết nối với máy chủ dữ liệu của cơ quan. Dữ liệu không được lưu trên máy này; hãy kiểm tra mạng rồi bấm Thử lại.',
} as const

/** The Dữ liệu screen's own refusals. */
export const seatMsg = {
  overridden:
    'Máy này đang được chỉ định máy chủ dữ liệu bằng biến môi trường SPD_DATABASE_URL; bỏ biến đó rồi mở lại ứng dụng để đổi ở đây.',
  notOnFile: 'Máy này đang dùng máy chủ dữ liệu: chỉ chuyển lên máy chủ được dữ liệu riêng của máy.',
  moveRunning: 'Đang chuyển dữ liệu lên máy chủ, hãy chờ xong.',
  targetNotEmpty:
    'Cơ sở dữ liệu trên máy chủ đã có dữ liệu của một cơ quan (tài khoản, đơn vị hoặc nhật ký). Chỉ chuyển được vào một cơ sở dữ liệu mới, trống.',
  mismatch: (table: string) =>
    `Kiểm tra sau khi chép thấy bảng ${table} trên máy chủ khác với máy này, nên chưa chuyển gì: máy này vẫn dùng dữ liệu riêng. Hãy báo quản trị viên máy chủ.`,
  moved: (rows: number, tables: number, missingFiles: number) =>
    `Đã chuyển ${rows} dòng của ${tables} bảng lên máy chủ; máy này từ nay dùng máy chủ. Tệp dữ liệu riêng được giữ nguyên.` +
    (missingFiles
      ? ` ${missingFiles} ảnh hoặc bản quét không có trong thư mục dữ liệu của máy này nên không chuyển được: các biên bản vẫn đủ nội dung, nhưng không xem và không in được các tệp đó.`
      : ''),
} as const
