// Every string the page shows, in Vietnamese (the default) and English.

const STRINGS = {
  vi: {
    org: 'Hội Liên hiệp Phụ nữ Việt Nam',
    appTitle: 'Dự án 8 · Bảng theo dõi chỉ tiêu',
    programme:
      'Dự án 8: Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và trẻ em.',
    footer: 'Dự án 8 · Sổ cái sự kiện: mọi số liệu đều truy được tới từng bản ghi và người ghi.',
    language: 'Ngôn ngữ',
    loginTitle: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    loginSubmit: 'Đăng nhập',
    loggingIn: 'Đang đăng nhập…',
    loginWrong: 'Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa.',
    loginThrottled: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
    loginMissing: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
    sessionEnded:
      'Phiên làm việc đã kết thúc (hết hạn hoặc tài khoản đã bị khóa). Vui lòng đăng nhập lại.',
    loggedOut: 'Bạn đã đăng xuất.',
    logout: 'Đăng xuất',
    breadcrumb: 'Đơn vị đang xem',
    from: 'Từ ngày',
    to: 'Đến ngày',
    asOf: 'Số liệu tại thời điểm',
    geography: 'Địa giới hành chính',
    geographyOriginal: 'Như khi ghi nhận',
    geographyCurrent: 'Đơn vị hiện nay',
    partialNote:
      'Đơn vị cũ bị chia tách, số liệu không chuyển được sang đơn vị hiện nay nên báo cáo riêng: {units}.',
    apply: 'Áp dụng',
    reset: 'Đặt lại',
    filterHint:
      'Để trống ngày để xem toàn bộ thời gian. “Số liệu tại thời điểm” cho biết sổ cái đã ghi nhận gì vào lúc đó (dành cho đoàn giám sát). “Đơn vị hiện nay” cộng dồn số liệu cũ vào các đơn vị hành chính đang có hiệu lực (từ 01/7/2025).',
    downloadExcel: 'Tải Excel',
    downloading: 'Đang tải…',
    downloadFailed: 'Không tải được tệp Excel: {message}',
    indicatorsTitle: 'Chỉ tiêu Dự án 8',
    asOfLine: 'Số liệu tính đến {time} · vị trí sổ cái {position}',
    periodAll: 'Toàn bộ thời gian',
    periodLine: 'Kỳ: {from} – {to}',
    colIndicator: 'Chỉ tiêu',
    colValue: 'Kết quả',
    colTarget: 'Mục tiêu',
    colAchieved: 'Tỷ lệ đạt',
    colBreakdown: 'Phân tổ',
    colAudit: 'Nhật ký',
    colUnit: 'Đơn vị',
    suppressed: 'ẩn',
    suppressedTitle: 'Số nhỏ (1–4) được ẩn để bảo vệ người được hỗ trợ',
    noTarget: 'Chưa đặt mục tiêu',
    targetPeriod: 'Mục tiêu cho kỳ {from} – {to}',
    audit: 'Nhật ký',
    auditOf: 'Xem nhật ký ghi chép của {unit}',
    chartTitle: 'Kết quả so với mục tiêu',
    chartMode: 'Cách hiển thị biểu đồ',
    chartShare: '% mục tiêu',
    chartValues: 'Giá trị',
    chartResult: 'Kết quả',
    chartTarget: 'Mục tiêu',
    chartShareLabel: 'Tỷ lệ đạt (%)',
    chartNoTargets: 'Chưa có mục tiêu cho đơn vị và kỳ này. Chọn “Giá trị” để xem kết quả.',
    chartShareNote: 'Vạch đậm là 100% mục tiêu. Chỉ tiêu chưa có mục tiêu không hiển thị.',
    chartValuesNote:
      'Số tiền giải ngân (đồng), số liệu bị ẩn và chỉ tiêu chưa có kết quả hay mục tiêu chỉ hiển thị trong bảng.',
    childrenTitle: 'Theo đơn vị trực thuộc',
    sortByValue: 'Sắp xếp theo kết quả, lớn nhất trước',
    childrenHint: 'Chọn tên một đơn vị để xem chi tiết; dùng đường dẫn phía trên để quay lại.',
    live: 'Trực tiếp',
    liveConnecting: 'Đang kết nối…',
    liveReconnecting: 'Mất kết nối, đang thử lại…',
    livePaused: 'Tạm dừng (số liệu quá khứ)',
    liveUpdated: 'Cập nhật trực tiếp lúc {time}',
    loading: 'Đang tải…',
    failed: 'Không thực hiện được: {message}',
    unreachable: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    auditTitle: 'Nhật ký ghi chép · {unit}',
    backToIndicators: '← Quay lại bảng chỉ tiêu',
    recordType: 'Loại hồ sơ',
    recordedFrom: 'Ghi từ ngày',
    recordedTo: 'Đến ngày',
    loadMore: 'Tải thêm',
    auditCount: 'Hiển thị {shown} mục',
    auditCountFiltered: 'Hiển thị {shown} trong {loaded} mục đã tải',
    auditEmpty: 'Không có mục nào.',
    auditNotAllowed: 'Chỉ cán bộ giám sát và quản trị được xem nhật ký.',
    colRecordedAt: 'Thời gian ghi',
    colActor: 'Người thực hiện',
    colRole: 'Vai trò',
    colType: 'Loại sự kiện',
    colStream: 'Hồ sơ',
    colReason: 'Lý do',
    colChanges: 'Thay đổi (trước → sau)',
    empty: '(trống)',
    familyAll: 'Tất cả',
    family_dialogue: 'Đối thoại chính sách',
    family_club: 'CLB Thủ lĩnh của sự thay đổi',
    family_loan: 'Vay vốn',
    'family_trusted-address': 'Địa chỉ tin cậy',
    family_case: 'Vụ việc',
    family_training: 'Tập huấn',
    family_communication: 'Truyền thông',
    family_target: 'Mục tiêu',
    family_approval: 'Phê duyệt số liệu',
    family_user: 'Tài khoản',
    family_subject: 'Dữ liệu cá nhân',
    role_admin: 'Quản trị',
    role_officer: 'Cán bộ',
    role_case_worker: 'Cán bộ hỗ trợ vụ việc',
    role_supervisor: 'Giám sát',
    role_viewer: 'Người xem',
  },
  en: {
    org: "Viet Nam Women's Union",
    appTitle: 'Project 8 · Indicator dashboard',
    programme: 'Project 8: gender equality and the urgent issues facing women and children.',
    footer: 'Project 8 · Event ledger: every figure traces back to each record and who made it.',
    language: 'Language',
    loginTitle: 'Log in',
    username: 'Username',
    password: 'Password',
    loginSubmit: 'Log in',
    loggingIn: 'Logging in…',
    loginWrong: 'The username or password is wrong, or the account is disabled.',
    loginThrottled: 'Too many failed attempts. Please try again in {seconds} seconds.',
    loginMissing: 'Please enter your username and password.',
    sessionEnded:
      'Your session has ended (it expired or the account was disabled). Please log in again.',
    loggedOut: 'You have logged out.',
    logout: 'Log out',
    breadcrumb: 'Unit shown',
    from: 'From',
    to: 'To',
    asOf: 'As of',
    geography: 'Administrative units',
    geographyOriginal: 'As recorded',
    geographyCurrent: 'Today’s units',
    partialNote:
      'Old units split between several of today’s cannot be moved and are reported apart: {units}.',
    apply: 'Apply',
    reset: 'Reset',
    filterHint:
      'Leave the dates empty for all time. “As of” shows what the ledger knew at that moment (for monitoring teams). “Today’s units” adds older records into the administrative units in force now (since 1 July 2025).',
    downloadExcel: 'Download Excel',
    downloading: 'Downloading…',
    downloadFailed: 'The Excel file could not be downloaded: {message}',
    indicatorsTitle: 'Project 8 indicators',
    asOfLine: 'Figures as of {time} · log position {position}',
    periodAll: 'All time',
    periodLine: 'Period: {from} – {to}',
    colIndicator: 'Indicator',
    colValue: 'Value',
    colTarget: 'Target',
    colAchieved: 'Achieved',
    colBreakdown: 'Breakdown',
    colAudit: 'Audit',
    colUnit: 'Unit',
    suppressed: 'hidden',
    suppressedTitle: 'Small numbers (1–4) are hidden to protect the people supported',
    noTarget: 'No target set',
    targetPeriod: 'Target for {from} – {to}',
    audit: 'Audit',
    auditOf: 'Open the audit trail of {unit}',
    chartTitle: 'Results against targets',
    chartMode: 'Chart view',
    chartShare: '% of target',
    chartValues: 'Values',
    chartResult: 'Result',
    chartTarget: 'Target',
    chartShareLabel: 'Achieved (%)',
    chartNoTargets:
      'No targets are set for this unit and period. Choose “Values” to see the results.',
    chartShareNote: 'The bold line is 100% of target. Indicators without a target are not shown.',
    chartValuesNote:
      'Amounts disbursed (VND), hidden figures and indicators with neither result nor target appear in the table only.',
    childrenTitle: 'By subordinate unit',
    sortByValue: 'Sort by value, largest first',
    childrenHint: 'Choose a unit’s name to see its figures; use the path above to go back up.',
    live: 'Live',
    liveConnecting: 'Connecting…',
    liveReconnecting: 'Connection lost, retrying…',
    livePaused: 'Paused (past figures)',
    liveUpdated: 'Live update at {time}',
    loading: 'Loading…',
    failed: 'That did not work: {message}',
    unreachable: 'The server cannot be reached. Check the network and try again.',
    auditTitle: 'Audit trail · {unit}',
    backToIndicators: '← Back to the indicators',
    recordType: 'Record type',
    recordedFrom: 'Recorded from',
    recordedTo: 'To',
    loadMore: 'Load more',
    auditCount: 'Showing {shown} entries',
    auditCountFiltered: 'Showing {shown} of {loaded} entries loaded',
    auditEmpty: 'No entries.',
    auditNotAllowed: 'Only supervisors and administrators may read the audit trail.',
    colRecordedAt: 'Recorded at',
    colActor: 'Actor',
    colRole: 'Role',
    colType: 'Event type',
    colStream: 'Record',
    colReason: 'Reason',
    colChanges: 'Changes (before → after)',
    empty: '(empty)',
    familyAll: 'All',
    family_dialogue: 'Policy dialogues',
    family_club: 'Leaders of Change clubs',
    family_loan: 'Loans',
    'family_trusted-address': 'Trusted addresses',
    family_case: 'Cases',
    family_training: 'Trainings',
    family_communication: 'Communication events',
    family_target: 'Targets',
    family_approval: 'Approvals',
    family_user: 'User accounts',
    family_subject: 'Personal data',
    role_admin: 'Administrator',
    role_officer: 'Officer',
    role_case_worker: 'Case worker',
    role_supervisor: 'Supervisor',
    role_viewer: 'Viewer',
  },
};

const STORAGE_KEY = 'p8.lang';
const listeners = new Set();
let current = readStoredLanguage();

function readStoredLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'vi' ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

export const language = () => current;

/** The string for `key` in the current language, with `{name}` placeholders filled. */
export function t(key, values = {}) {
  const text = STRINGS[current][key] ?? STRINGS.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) =>
    name in values ? String(values[name]) : `{${name}}`,
  );
}

/** A `{ vi, en }` label from the service, in the current language. */
export const pick = (label) => (label ? (label[current] ?? label.vi ?? '') : '');

export function setLanguage(lang) {
  if (lang !== 'vi' && lang !== 'en') return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage: the switch still works for this visit.
  }
  translateStatic();
  listeners.forEach((listener) => listener(lang));
}

export const onLanguageChange = (listener) => listeners.add(listener);

/** Fills the elements marked with data-i18n (text) and data-i18n-aria-label. */
export function translateStatic(root = document) {
  document.documentElement.lang = current;
  document.title = t('appTitle');
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((element) => {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  });
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === current));
  });
}

export const locale = () => (current === 'vi' ? 'vi-VN' : 'en-GB');
