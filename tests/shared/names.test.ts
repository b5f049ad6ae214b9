import { describe, expect, test } from 'vitest';
import { compareVietnameseNames, duplicateKey, givenName, nameMatches, searchKey } from '../../src/shared';

describe('search key', () => {
  test('removes diacritics and case, and treats đ as d', () => {
    expect(searchKey('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(searchKey('ĐẶNG THỊ HƯƠNG')).toBe('dang thi huong');
  });

  test('NFC and NFD spellings of the same name give the same key', () => {
    expect(searchKey('Nguyễn Thị Hoà'.normalize('NFD'))).toBe(searchKey('Nguyễn Thị Hoà'.normalize('NFC')));
  });
});

describe('name search', () => {
  const name = 'Nguyễn Văn An';
  test.each(['nguyen van a', 'Nguyễn Văn A', 'NGUYEN', 'van an', 'an nguyen', ''])(
    '"%s" finds %s',
    (query) => {
      expect(nameMatches(name, query)).toBe(true);
    },
  );

  test.each(['tran', 'nguyen van b', 'xyz'])('"%s" does not find it', (query) => {
    expect(nameMatches(name, query)).toBe(false);
  });

  test('đ in the query matches d in the name and the other way round', () => {
    expect(nameMatches('Đỗ Thị Dung', 'do thi dung')).toBe(true);
    expect(nameMatches('Đỗ Thị Dung', 'đung')).toBe(true);
  });
});

describe('Vietnamese list order', () => {
  test('the given name is the last word', () => {
    expect(givenName('  Nguyễn Thị  Hoa ')).toEqual({ given: 'Hoa', rest: 'Nguyễn Thị' });
  });

  test('sorts by given name first, then family and middle names', () => {
    const names = [
      'Trần Văn Bình',
      'Nguyễn Thị An',
      'Lê Văn Bình',
      'Phạm Thị Ánh',
      'Đỗ Văn Dũng',
      'Bùi Văn Đức',
    ];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Nguyễn Thị An',
      'Phạm Thị Ánh',
      'Lê Văn Bình',
      'Trần Văn Bình',
      'Đỗ Văn Dũng',
      'Bùi Văn Đức',
    ]);
  });
});

describe('duplicate key', () => {
  const base = { groupId: 'tdp-01', fullName: 'Nguyễn Thị Hoa', birthYear: 1958 };
  test('the same person typed differently gets the same key', () => {
    expect(duplicateKey({ ...base, fullName: 'nguyen  thi hoa' })).toBe(duplicateKey(base));
    expect(duplicateKey({ ...base, fullName: 'NGUYỄN THỊ HOA'.normalize('NFD') })).toBe(duplicateKey(base));
  });
  test('another year or another group is another key', () => {
    expect(duplicateKey({ ...base, birthYear: 1959 })).not.toBe(duplicateKey(base));
    expect(duplicateKey({ ...base, groupId: 'tdp-02' })).not.toBe(duplicateKey(base));
  });
});
