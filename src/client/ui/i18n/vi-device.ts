// Vietnamese messages for device durability (merged into vi.ts): persistent storage on the account
// screen ('storage.*') and the notice of a database the browser deleted ('loss.*').

export const viDevice = {
  'storage.title': 'Lưu trữ trên máy',
  'storage.checking': 'Đang kiểm tra cách trình duyệt giữ dữ liệu…',
  'storage.granted': 'Trình duyệt đã đồng ý giữ dữ liệu của ứng dụng, kể cả khi máy sắp hết bộ nhớ.',
  'storage.denied':
    'Trình duyệt chưa hứa giữ dữ liệu của ứng dụng: khi máy sắp hết bộ nhớ, nó có thể xoá những bản ghi chưa gửi.',
  'storage.deniedAdvice':
    'Hãy thêm ứng dụng vào màn hình chính (mục “Cài đặt ứng dụng” hoặc “Thêm vào màn hình chính” của trình duyệt), rồi mở lại; và đồng bộ thường xuyên.',
  'storage.unsupported': 'Trình duyệt này không cho ứng dụng xin giữ dữ liệu khi máy sắp hết bộ nhớ.',
  'storage.unsupportedAdvice':
    'Hãy đồng bộ thường xuyên để bản ghi sớm lên máy chủ; nên dùng Chrome và thêm ứng dụng vào màn hình chính.',
  'storage.checkedAt': 'Kiểm tra lần cuối lúc {time}.',
  'storage.askAgain': 'Xin giữ dữ liệu lại',
  'storage.use': 'Ứng dụng đang dùng {used} trên tối đa {quota} trình duyệt cho phép.',

  'loss.title': 'Dữ liệu trên máy đã bị xoá',
  'loss.kind.dataLoss': 'Trình duyệt báo dữ liệu của ứng dụng trên máy này bị hỏng và đã bị xoá.',
  'loss.kind.missing':
    'Dữ liệu của ứng dụng trên máy này không còn nữa: trình duyệt có thể đã xoá khi máy hết bộ nhớ, hoặc dữ liệu trang web đã bị xoá.',
  'loss.kind.empty': 'Dữ liệu của ứng dụng trên máy này đã trống, dù trước đó máy giữ {records} bản ghi.',
  'loss.waiting': '{count} bản ghi chưa gửi lên máy chủ lần cuối lúc {time} có thể đã mất.',
  'loss.noneWaiting':
    'Lần ghi nhận cuối lúc {time}, mọi bản ghi đã được gửi lên máy chủ: những bản ghi đó vẫn còn trên máy chủ.',
  'loss.waitingUnknown':
    'Không rõ lúc đó có bản ghi nào chưa gửi không: những bản ghi tạo hoặc sửa sau lần đồng bộ cuối có thể đã mất.',
  'loss.lastSync': 'Lần đồng bộ thành công cuối: {time}.',
  'loss.neverSynced': 'Máy này chưa từng đồng bộ thành công với máy chủ.',
  'loss.whatToDo': 'Nên làm gì:',
  'loss.doSync': 'Bấm “Đồng bộ ngay” để tải lại trên máy những gì máy chủ đang giữ.',
  'loss.reenroll': 'Máy này cần được kích hoạt lại: xin cán bộ phường một mã mời mới.',
  'loss.tellOfficer':
    'Báo cho cán bộ phường biết, để kiểm tra trên máy chủ và nhập lại những bản ghi bị mất (nếu có).',
  'loss.syncNow': 'Đồng bộ ngay',
  'loss.acknowledge': 'Tôi đã hiểu',
};
