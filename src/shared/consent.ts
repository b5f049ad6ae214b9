// Consent (đồng ý) per purpose: the purposes, and the exact wording a volunteer reads out, by version.
// A record keeps the wording version it was given under, so the text can be reproduced in writing later.

export const CONSENT_PURPOSES = ['registration', 'contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['verbal', 'signed'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** The wording version new consents are given under. Add a version; never edit a published one. */
export const CURRENT_CONSENT_WORDING = 'v1';

export interface ConsentWording {
  version: string;
  /** Date the wording was adopted (YYYY-MM-DD). */
  adopted: string;
  text: Record<ConsentPurpose, { vi: string; en: string }>;
}

export const CONSENT_WORDINGS: readonly ConsentWording[] = [
  {
    version: 'v1',
    adopted: '2026-01-01',
    text: {
      registration: {
        vi:
          'Ông/bà đồng ý để Tổ công nghệ số cộng đồng ghi họ tên, năm sinh, giới tính và tổ dân phố của ông/bà ' +
          'để hướng dẫn kỹ năng số và thống kê kết quả phong trào "Bình dân học vụ số" của phường. ' +
          'Thông tin chỉ dùng cho mục đích này; ông/bà có thể xem, sửa hoặc yêu cầu xoá bất cứ lúc nào.',
        en:
          'You agree that the community digital-tech team records your full name, year of birth, sex and residential ' +
          'group to teach you digital skills and to count the results of the ward\'s "Bình dân học vụ số" campaign. ' +
          'The data is used only for this; you may see, correct or ask to delete it at any time.',
      },
      contact: {
        vi:
          'Ông/bà đồng ý để Tổ công nghệ số cộng đồng lưu số điện thoại của ông/bà để liên hệ hẹn lịch hướng dẫn. ' +
          'Số điện thoại không dùng cho mục đích khác.',
        en:
          'You agree that the community digital-tech team keeps your phone number to arrange training visits. ' +
          'The number is not used for anything else.',
      },
    },
  },
];

export function consentWording(version: string): ConsentWording | undefined {
  return CONSENT_WORDINGS.find((w) => w.version === version);
}
