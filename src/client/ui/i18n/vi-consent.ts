// Vietnamese catalogue of consent wording and withdrawal screens. Keys: 'consent.*' (merged into vi.ts).
export const viConsent = {
  'consent.withdrawnBadge': 'Đã rút đồng ý — không xử lý tiếp',
  'consent.withdrawnNote':
    'Người này đã rút lại đồng ý ghi thông tin ngày {date}. Không ghi nhận kết quả, không xác nhận VNeID và không đưa vào buổi học mới. Người này không còn được tính trong số liệu.',
  'consent.giveAgain': 'Ghi nhận đồng ý lại',
  'consent.giveAgainTitle': 'Ghi nhận đồng ý lại: {name}',
  'consent.giveAgainHint':
    'Người này đã rút đồng ý, nên chỉ có thể ghi nhận đồng ý lại khi chính họ muốn. Thông tin bên dưới chỉ để xem; sau khi lưu mới sửa được.',
  'consent.noCompletion': 'Người này đã rút đồng ý nên không thể ghi nhận kết quả hay xác nhận VNeID mới.',
  'consent.textLink': 'Xem văn bản đồng ý',
  'consent.textTitle': 'Văn bản đồng ý',
  'consent.textIntro':
    'Lời đọc cho người dân trước khi ghi thông tin, theo từng phiên bản. Mỗi người dân được ghi kèm phiên bản họ đã nghe. Phiên bản đã ban hành không bao giờ bị sửa; khi cần thay đổi sẽ có phiên bản mới.',
  'consent.version': 'Phiên bản {version}',
  'consent.current': 'đang dùng',
  'consent.adopted': 'Áp dụng từ ngày {date}',
  'consent.purpose.registration': 'Đồng ý ghi thông tin để hướng dẫn và thống kê',
  'consent.purpose.contact': 'Đồng ý lưu số điện thoại để liên hệ',
  'consent.langVi': 'Tiếng Việt',
  'consent.langEn': 'Tiếng Anh',
  'consent.print': 'In',
} satisfies Record<string, string>;
