import type Database from 'better-sqlite3'
import { GENESIS_HASH, lineHash } from '@main/audit/chain'
import type { ChainedContent } from '@main/audit/chain'

/**
 * Realistic rows for every table, written in the SQL of the release that created the table, so
 * a store can be filled as an existing user's would be at any earlier schema version. Entry n
 * fills what migration n created (or changed); a store at version v runs entries 1..v.
 */
type Fill = (db: Database.Database) => void

const columnsOf = (db: Database.Database, table: string) =>
  db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]

const AUDIT_LINES: ChainedContent[] = [
  {
    at: '2021-07-01T01:00:00.000Z',
    user_id: null,
    user_name: '—',
    route: 'auth:setup',
    entity: 'user',
    entity_id: '1',
    changes: '{"note":"Tạo tài khoản quản trị"}',
  },
  {
    at: '2021-07-01T01:05:00.000Z',
    user_id: 1,
    user_name: 'quantri',
    route: 'units:create',
    entity: 'unit',
    entity_id: '2',
    changes: '{"name":{"before":null,"after":"Phòng Công chứng số 1"}}',
  },
  {
    at: '2021-07-01T09:30:00.000Z',
    user_id: 2,
    user_name: 'letan',
    route: 'auth:signOut',
    entity: null,
    entity_id: null,
    changes: '{}',
  },
]

export const ERA_FILLS: Record<number, Fill> = {
  1: (db) =>
    db.exec(`
      INSERT INTO settings (key, value, updated_at) VALUES
        ('agency', '{"parentBodyName":"UBND TỈNH HẬU GIANG","agencyName":"SỞ TƯ PHÁP","agencySymbol":"STP","placeName":"Vị Thanh"}', '2021-07-01T01:00:00.000Z'),
        ('backups', '{"folder":null,"keep":7,"daily":true}', '2021-07-02T02:00:00.000Z');
      INSERT INTO unit_kinds (code, name, builtin, sort_order) VALUES ('liaison_office', 'Văn phòng đại diện', 0, 95);
      INSERT INTO units (id, code, name, kind_code, parent_id, address, head_name, head_title, phone, email, note,
          active, is_sample, search_key, sort_key, created_at, updated_at) VALUES
        (1, 'STP', 'Sở Tư pháp', 'agency', NULL, '01 Trần Hưng Đạo, Vị Thanh', 'Nguyễn Văn An', 'Giám đốc',
          '02933876543', 'stp@haugiang.gov.vn', NULL, 1, 0, 'stp so tu phap', 'so tu phap', '2021-07-01T01:00:00.000Z', '2021-07-01T01:00:00.000Z'),
        (2, 'PCC1', 'Phòng Công chứng số 1', 'notary_office', 1, '12 Ba Mươi Tháng Tư', 'Trần Thị Bình', 'Trưởng phòng',
          '0912345678', NULL, 'Tiếp dân sáng thứ Bảy', 1, 0, 'pcc1 phong cong chung so 1', 'phong cong chung so 1', '2021-07-01T01:05:00.000Z', '2021-07-03T08:00:00.000Z'),
        (3, 'TTDG', 'Trung tâm Dịch vụ đấu giá tài sản', 'auction_center', 1, NULL, NULL, NULL,
          NULL, NULL, NULL, 0, 1, 'ttdg trung tam dich vu dau gia tai san', 'trung tam dich vu dau gia tai san', '2021-07-01T01:06:00.000Z', '2021-07-01T01:06:00.000Z');
    `),
  2: (db) => {
    db.exec(`
      INSERT INTO users (id, username, display_name, password_hash, roles, active, failed_logins, locked_until,
          last_login_at, created_at, updated_at) VALUES
        (1, 'quantri', 'Quản trị hệ thống', 'scrypt$16384$8$1$c2FsdA$aGFzaA', '["admin"]', 1, 0, NULL,
          '2021-07-05T00:30:00.000Z', '2021-07-01T01:00:00.000Z', '2021-07-05T00:30:00.000Z'),
        (2, 'letan', 'Lê Thị Tân', 'scrypt$16384$8$1$c2FsdDI$aGFzaDI', '["reception","office"]', 1, 3,
          '2021-07-05T02:15:00.000Z', NULL, '2021-07-01T01:10:00.000Z', '2021-07-05T02:00:00.000Z'),
        (3, 'cu', 'Người cũ', 'scrypt$16384$8$1$c2FsdDM$aGFzaDM', '["inspector"]', 0, 0, NULL, NULL,
          '2021-07-01T01:20:00.000Z', '2021-07-04T01:20:00.000Z');
    `)
    // A store at 0010 or later chains its lines as it writes them.
    const chained = columnsOf(db, 'audit_log').includes('hash')
    let prevHash = GENESIS_HASH
    for (const line of AUDIT_LINES) {
      const hash = lineHash(prevHash, line)
      const values = Object.values(line)
      if (chained)
        db.prepare(
          `INSERT INTO audit_log (at, user_id, user_name, route, entity, entity_id, changes, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values, prevHash, hash)
      else
        db.prepare(
          `INSERT INTO audit_log (at, user_id, user_name, route, entity, entity_id, changes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values)
      prevHash = hash
    }
  },
  3: (db) =>
    db.exec(`
      INSERT INTO visitors (id, full_name, id_type, id_number, date_of_birth, gender, phone, address, organisation,
          search_key, anonymised_at, created_at, updated_at) VALUES
        (1, 'Phạm Văn Cường', 'cccd', '093085001234', '1985-03-12', 'male', '0987654321', 'Phường 5, Vị Thanh',
          'Công ty TNHH Minh Phát', 'pham van cuong 093085001234 0987654321', NULL, '2021-07-02T01:00:00.000Z', '2021-07-02T01:00:00.000Z'),
        (2, 'John Smith', 'passport', 'C01234567', '1979-11-30', 'male', NULL, NULL, 'Tổ chức ABC',
          'john smith c01234567', NULL, '2021-07-02T02:00:00.000Z', '2021-07-02T02:00:00.000Z'),
        (3, 'Võ Thị Dung', 'none', NULL, NULL, 'female', NULL, NULL, NULL,
          'vo thi dung', NULL, '2021-07-03T03:00:00.000Z', '2021-07-03T03:00:00.000Z');
      INSERT INTO visits (id, visitor_id, host_unit_id, host_person, purpose, badge_number, checked_in_at, late_reason,
          checked_out_at, check_out_kind, check_out_reason, outcome, refusal_reasons, temperature, symptoms,
          contact_with_case, from_case_area, declared_on_app, mask_worn, watch_reason, note, created_by,
          created_at, updated_at) VALUES
        (1, 1, 2, 'Trần Thị Bình', 'Công chứng hợp đồng mua bán', 'K-07', '2021-07-02T01:00:00.000Z', NULL,
          '2021-07-02T02:10:00.000Z', 'manual', NULL, 'admitted', NULL, 36.6, '', 0, 0, 1, 1, NULL, NULL, 2,
          '2021-07-02T01:00:00.000Z', '2021-07-02T02:10:00.000Z'),
        (2, 2, 1, NULL, 'Làm việc với Giám đốc Sở', NULL, '2021-07-02T02:00:00.000Z', NULL,
          NULL, NULL, NULL, 'refused', '["fever"]', 38.4, 'sot,ho', 0, 1, 0, 1, NULL, 'Hẹn lại tuần sau', 2,
          '2021-07-02T02:00:00.000Z', '2021-07-02T02:00:00.000Z'),
        (3, 3, 2, NULL, 'Nộp hồ sơ', 'K-08', '2021-07-03T03:00:00.000Z', 'Nhập bù sau khi mất điện',
          NULL, NULL, NULL, 'admitted', NULL, NULL, '', 0, 0, NULL, 1, 'Trùng tên trong danh sách theo dõi', NULL, 1,
          '2021-07-03T04:00:00.000Z', '2021-07-03T04:00:00.000Z');
      INSERT INTO watchlist (id, id_number, full_name, name_key, reason, active, created_at, updated_at) VALUES
        (1, '093090009999', NULL, NULL, 'F1 đang cách ly tại nhà', 1, '2021-07-01T05:00:00.000Z', '2021-07-01T05:00:00.000Z'),
        (2, NULL, 'Võ Thị Dung', 'vo thi dung', 'Trở về từ vùng có dịch', 0, '2021-07-01T05:10:00.000Z', '2021-07-04T05:10:00.000Z');
    `),
  4: (db) =>
    db.exec(`
      INSERT INTO inspection_plans (id, number, symbol, issued_on, title, purpose, kind, period_from, period_to,
          search_key, created_at, updated_at) VALUES
        (1, 12, 'KH-STP', '2021-08-02', 'Kế hoạch kiểm tra công tác phòng, chống dịch COVID-19 quý III',
          'Đánh giá việc thực hiện các biện pháp phòng dịch', 'inspection', '2021-08-09', '2021-08-31',
          'kh-stp 12 ke hoach kiem tra', '2021-08-02T01:00:00.000Z', '2021-08-02T01:00:00.000Z');
      INSERT INTO plan_units (plan_id, unit_id) VALUES (1, 2), (1, 3);
      INSERT INTO plan_targets (id, plan_id, position, label, kind_code, parent_unit_id, percent) VALUES
        (1, 1, 1, 'Tổ chức hành nghề công chứng', 'notary_office', NULL, 30),
        (2, 1, 2, 'Đơn vị trực thuộc Sở', 'auction_center', 1, 100);
      INSERT INTO inspections (id, plan_id, unit_id, kind, unannounced, date, start_time, end_time, location,
          template_id, strengths, shortcomings, conclusion, status, minutes_year, minutes_number, created_by,
          created_at, updated_at) VALUES
        (1, 1, 2, 'inspection', 0, '2021-08-10', '08:00', '10:30', 'Trụ sở Phòng Công chứng số 1', 1,
          'Bố trí khu vực đo thân nhiệt', 'Chưa có lịch trực', 'Cơ bản đạt yêu cầu', 'final', 2021, 1, 1,
          '2021-08-10T01:00:00.000Z', '2021-08-10T04:00:00.000Z'),
        (2, NULL, 3, 'supervision', 1, '2021-08-12', '14:00', NULL, NULL, 1,
          NULL, NULL, NULL, 'draft', NULL, NULL, 1, '2021-08-12T07:00:00.000Z', '2021-08-12T07:00:00.000Z');
      INSERT INTO team_members (id, plan_id, inspection_id, position, role, full_name, title, unit_id, unit_name) VALUES
        (1, 1, NULL, 1, 'head', 'Nguyễn Văn An', 'Giám đốc', 1, NULL),
        (2, NULL, 1, 1, 'head', 'Nguyễn Văn An', 'Giám đốc', 1, NULL),
        (3, NULL, 1, 2, 'secretary', 'Lê Văn Em', 'Chuyên viên', NULL, 'Văn phòng Sở');
      INSERT INTO inspection_representatives (id, inspection_id, position, full_name, title) VALUES
        (1, 1, 1, 'Trần Thị Bình', 'Trưởng phòng');
      INSERT INTO inspection_items (id, inspection_id, position, section, text, result, note, severity) VALUES
        (1, 1, 1, 'Nội dung kiểm tra', 'Có tủ thuốc của cơ quan, đơn vị', 'pass', NULL, NULL),
        (2, 1, 2, 'Phòng dịch tại nơi làm việc', 'Có lịch trực phòng, chống dịch', 'fail', 'Chưa ban hành', 'fix'),
        (3, 2, 1, 'Nội dung kiểm tra', 'Đeo khẩu trang tại nơi làm việc', NULL, NULL, NULL);
      INSERT INTO violations (id, inspection_id, position, offender_kind, offender, description, handling, handling_state) VALUES
        (1, 1, 1, 'unit', 'Phòng Công chứng số 1', 'Không bố trí người trực', 'Nhắc nhở', 'decided');
      INSERT INTO recommendations (id, inspection_id, position, content, owner_unit_id, owner_name, due_date, status,
          status_date, evidence, updated_at) VALUES
        (1, 1, 1, 'Ban hành lịch trực phòng, chống dịch', 2, NULL, '2021-08-20', 'open', NULL, NULL, '2021-08-10T04:00:00.000Z'),
        (2, 1, 2, 'Bổ sung dung dịch sát khuẩn', NULL, 'Bộ phận hành chính', NULL, 'done', '2021-08-15',
          'Ảnh chụp khu vực sát khuẩn', '2021-08-15T02:00:00.000Z');
      INSERT INTO inspection_photos (id, inspection_id, item_id, violation_id, file, mime_type, byte_size, caption, created_at) VALUES
        (1, 1, 2, NULL, 'attachments/1/9f2c.jpg', 'image/jpeg', 48213, 'Bảng lịch trực trống', '2021-08-10T02:00:00.000Z'),
        (2, 1, NULL, 1, 'attachments/1/a71d.png', 'image/png', 10240, NULL, '2021-08-10T02:05:00.000Z');
      INSERT INTO minutes_versions (id, inspection_id, version, reason, content, finalised_at, finalised_by) VALUES
        (1, 1, 1, NULL, '{"number":1,"year":2021,"conclusion":"Cơ bản đạt"}', '2021-08-10T04:00:00.000Z', 1),
        (2, 1, 2, 'Sửa tên người đại diện', '{"number":1,"year":2021,"conclusion":"Cơ bản đạt yêu cầu"}', '2021-08-11T01:00:00.000Z', 1);
    `),
  5: (db) =>
    db.exec(`
      INSERT INTO staff (id, unit_id, full_name, search_key, sort_key, date_of_birth, gender, id_number, phone,
          position, category, active, note, left_at, anonymised_at, created_at, updated_at) VALUES
        (1, 2, 'Đặng Văn Phúc', 'dang van phuc 093088001111', 'phuc dang van', '1988-05-20', 'male', '093088001111',
          '0911111111', 'Công chứng viên', 'vien_chuc', 1, NULL, NULL, NULL, '2021-08-01T01:00:00.000Z', '2021-08-01T01:00:00.000Z'),
        (2, 3, 'Huỳnh Thị Giang', 'huynh thi giang 363456789', 'giang huynh thi', '1992-09-02', 'female', '363456789',
          NULL, 'Nhân viên', 'hop_dong', 0, 'Nghỉ việc theo nguyện vọng', '2021-09-30T10:00:00.000Z', NULL,
          '2021-08-01T01:05:00.000Z', '2021-09-30T10:00:00.000Z');
      INSERT INTO staff_unit_history (id, staff_id, from_unit_id, to_unit_id, moved_on, reason, created_by, created_at) VALUES
        (1, 1, NULL, 2, '2021-08-01', NULL, 1, '2021-08-01T01:00:00.000Z'),
        (2, 2, NULL, 2, '2021-08-01', NULL, 1, '2021-08-01T01:05:00.000Z'),
        (3, 2, 2, 3, '2021-09-01', 'Điều động', 1, '2021-09-01T01:00:00.000Z');
    `),
  6: (db) =>
    db.exec(`
      INSERT INTO vaccines (name, name_key, active, builtin, sort_order, created_at, updated_at) VALUES
        ('Covaxin', 'covaxin', 0, 0, 100, '2021-09-01T01:00:00.000Z', '2021-09-02T01:00:00.000Z');
      INSERT INTO vaccine_rounds (id, name, document_ref, opened_on, deadline, closed, note, created_at, updated_at) VALUES
        (1, 'Đợt 3 năm 2021', 'CV 512/STP-VP', '2021-09-06', '2021-09-10', 1, 'Ưu tiên bộ phận một cửa',
          '2021-09-06T01:00:00.000Z', '2021-09-11T01:00:00.000Z');
      INSERT INTO vaccine_round_units (round_id, unit_id, submitted_at, note) VALUES
        (1, 2, '2021-09-08T03:00:00.000Z', 'Đủ danh sách');
      INSERT INTO vaccine_registrations (id, round_id, staff_id, unit_id, dose, vaccine_id, priority_group_id, occupation,
          insurance_number, desired_on, covid_90_days, anaphylaxis, pregnant_or_nursing, underlying_conditions,
          conditions_note, status, status_reason, vaccinated_on, site, lot_number, lot_expiry, reaction, reaction_note,
          contraindication_cleared_at, contraindication_cleared_reason, note, created_by, created_at, updated_at) VALUES
        (1, 1, 1, 2, 2, 1, 4, 'Công chứng viên', 'GD4939300111111', '2021-09-15', 'no', 'no', 'no', 'yes',
          'Tăng huyết áp, đang điều trị', 'vaccinated', NULL, '2021-09-16', 'Trung tâm Y tế thành phố Vị Thanh',
          'A1234', '2022-01-31', 1, 'Sốt nhẹ', NULL, NULL, NULL, 1, '2021-09-07T01:00:00.000Z', '2021-09-16T09:00:00.000Z'),
        (2, 1, 2, 3, 1, NULL, NULL, NULL, NULL, NULL, 'unknown', 'unknown', 'yes', 'unknown', NULL, 'postponed',
          'Đang mang thai', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, '2021-09-07T01:10:00.000Z', '2021-09-07T01:10:00.000Z');
      INSERT INTO vaccine_doses (id, staff_id, dose, vaccine_id, given_on, registration_id, created_at, updated_at) VALUES
        (1, 1, 1, 1, '2021-07-20', NULL, '2021-09-07T01:00:00.000Z', '2021-09-07T01:00:00.000Z'),
        (2, 1, 2, 1, '2021-09-16', 1, '2021-09-16T09:00:00.000Z', '2021-09-16T09:00:00.000Z');
    `),
  7: (db) =>
    db.exec(`
      INSERT INTO daily_reports (id, unit_id, report_date, staff_total, at_office, working_from_home, on_leave, f0, f1, f2,
          dose1, dose2, booster, measures, issues, reporter_name, submitted_at, late, version, created_by, updated_by,
          updated_at) VALUES
        (1, 2, '2021-09-20', 12, 8, 3, 1, 0, 1, 2, 12, 10, 0, 'Đo thân nhiệt, khai báo y tế', NULL, 'Trần Thị Bình',
          '2021-09-20T07:30:00.000Z', 0, 2, 2, 1, '2021-09-20T09:00:00.000Z'),
        (2, 3, '2021-09-20', 5, 5, 0, 0, 0, 0, 0, 5, 5, 0, NULL, 'Thiếu khẩu trang', 'Huỳnh Thị Giang',
          '2021-09-20T08:40:00.000Z', 1, 1, 2, NULL, '2021-09-20T08:40:00.000Z');
      INSERT INTO daily_report_versions (id, report_id, version, staff_total, at_office, working_from_home, on_leave, f0,
          f1, f2, dose1, dose2, booster, measures, issues, reporter_name, saved_at, saved_by) VALUES
        (1, 1, 1, 12, 9, 2, 1, 0, 0, 2, 12, 10, 0, 'Đo thân nhiệt', NULL, 'Trần Thị Bình', '2021-09-20T07:30:00.000Z', 2);
      INSERT INTO adhoc_reports (id, unit_id, reported_at, report_date, subject, content, f0, f1, f2, reporter_name, created_by) VALUES
        (1, 2, '2021-09-21T03:15:00.000Z', '2021-09-21', 'Có người là F1', 'Một công chứng viên là F1, đã cách ly tại nhà',
          0, 1, 0, 'Trần Thị Bình', 2);
    `),
  8: (db) =>
    db.exec(`
      INSERT INTO rapid_test_rounds (id, week_start, seed, sample_percent, pool_size, eligible_count, drawn_at, drawn_by) VALUES
        (1, '2021-09-27', 3141592653, 5, 5, 17, '2021-09-27T01:00:00.000Z', 1);
      INSERT INTO rapid_test_pools (id, round_id, number, result, tested_at) VALUES
        (1, 1, 1, 'positive', '2021-09-27T03:00:00.000Z'),
        (2, 1, 2, NULL, NULL);
      INSERT INTO rapid_test_samples (id, round_id, kind, staff_id, unit_id, visitor_id, pool_id, individual_result,
          individual_tested_at, added_at) VALUES
        (1, 1, 'staff', 1, 2, NULL, 1, 'negative', '2021-09-27T04:00:00.000Z', '2021-09-27T01:00:00.000Z'),
        (2, 1, 'visitor', NULL, NULL, 1, 1, 'positive', '2021-09-27T04:05:00.000Z', '2021-09-27T01:30:00.000Z'),
        (3, 1, 'staff', 2, 3, NULL, NULL, NULL, NULL, '2021-09-27T01:00:00.000Z');
      INSERT INTO medicine_cabinets (unit_id, has_cabinet, checked_on, note, updated_at, updated_by) VALUES
        (2, 1, '2021-09-25', 'Đủ thuốc hạ sốt', '2021-09-25T02:00:00.000Z', 1),
        (3, 0, NULL, NULL, '2021-09-25T02:10:00.000Z', NULL);
    `),
  9: (db) =>
    db.exec(`UPDATE visitors SET old_id_number = '361234567', id_issue_date = '2021-04-10' WHERE id = 1`),
  10: (db) =>
    db.exec(`UPDATE visits SET checked_out_at = '2021-07-03T10:00:00.000Z', check_out_kind = 'automatic',
      check_out_unrecorded = 1 WHERE id = 3`),
  11: (db) => db.exec(`UPDATE inspections SET minutes_copies = 3 WHERE id = 1`),
  12: (db) =>
    db.exec(`
      INSERT INTO inspection_documents (id, inspection_id, recommendation_id, kind, file, file_name, mime_type, byte_size,
          created_at, created_by) VALUES
        (1, 1, NULL, 'signed_scan', 'attachments/1/5b0e.pdf', 'bien-ban-ky.pdf', 'application/pdf', 183204,
          '2021-08-12T02:00:00.000Z', 1),
        (2, 1, 2, 'evidence', 'attachments/1/c3d4.jpg', 'khu-sat-khuan.jpg', 'image/jpeg', 52011,
          '2021-08-15T02:10:00.000Z', NULL);
    `),
  13: (db) => db.exec(`INSERT INTO counters (name, scope, last) VALUES ('minutes', '2020', 14)`),
  14: (db) =>
    db.exec(`UPDATE users SET auth_epoch = 2 WHERE id = 1;
      INSERT INTO job_runs (name, day, claimed_at) VALUES ('purgeVisitors', '2021-11-15', '2021-11-15T01:00:00.000Z')`),
  // On SQLite the attachments' bytes stay files: this table keeps no rows there.
  15: () => {},
}
